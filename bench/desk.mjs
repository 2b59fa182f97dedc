// The desk benchmark (`npm run bench`): the real app from dist/ in a real pty on this machine.
// Prints a table; asserts nothing. Goals from the brief: first frame ≤ 400 ms, idle CPU ≤ 1 % of a core,
// idle output ≤ 1 KB/s. The machine is shared and noisy: medians, and read figures as rough.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { REPO_ROOT, spawnDesk } from './lib/pty.mjs';
import { cpuMs, fmt, median, percentile, rssKiB, selectedRow, sleep, startSeedSim, findBox } from './lib/measure.mjs';

const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 5);
const PRESSES = Number(process.env.BENCH_PRESSES ?? 50);
const TASKS = Number(process.env.BENCH_TASKS ?? 10_000);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 30_000);
// The soak: this many 1 s ticks (8 hours) run on the desk's benchmark fast clock (src/store/ticker.ts).
const SOAK_TICKS = Number(process.env.BENCH_SOAK_TICKS ?? 8 * 3600);
const SOAK_WARM_MS = Number(process.env.BENCH_SOAK_WARM_MS ?? 60_000);
const CLI = join(REPO_ROOT, 'node_modules', '.bin', 'taskmarket');
const COLS = 120;
const ROWS = 40;

if (!process.env.BENCH_BIN && !existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) {
  console.error('bench/desk.mjs: dist/cli.js is missing; run `npm run build` first (npm run bench does).');
  process.exit(1);
}

const rows = [];
const notes = [];
const add = (metric, value, goal = '', detail = '') => rows.push({ metric, value, goal, detail });
const hasFeed = (s) => s.includes('Feed');
const allPanes = (s) => ['Feed', 'Clocks', 'Inbox', 'Actions'].every((t) => s.includes(t));
// The live market: Ink has drawn the desk and the Feed shows task rows (ids), not only the outline.
const liveMarket = (s) => /Feed/.test(s) && /0x[0-9a-f]{7}…/.test(s);

/** 1. Spawn → first screen containing `Feed`, over fresh launches of the default desk (own sim + bots). */
async function firstFrame() {
  const times = [];
  const firstBytes = [];
  const cpuAtFirst = [];
  const full = [];
  const live = [];
  const rss = [];
  for (let i = 0; i < LAUNCHES; i++) {
    const d = spawnDesk({ cols: COLS, rows: ROWS });
    try {
      const at = await d.waitFor(hasFeed, 30_000);
      times.push(at - d.t0);
      firstBytes.push(d.firstByteAt() - d.t0);
      // CPU the child spent to get there: far less sensitive to a loaded machine than wall time.
      cpuAtFirst.push(cpuMs(d.pid));
      const atAll = await d.waitFor(allPanes, 30_000);
      full.push(atAll - d.t0);
      const atLive = await d.waitFor(liveMarket, 30_000);
      live.push(atLive - d.t0);
      await sleep(1500);
      rss.push(rssKiB(d.pid));
    } catch (e) {
      notes.push(`launch ${i + 1}: ${String(e.message).split('\n')[0]}`);
    } finally {
      d.kill();
    }
    await sleep(300);
  }
  add('first frame with "Feed" (ms, median)', fmt(median(times), 0), '<= 400', `n=${times.length} all: ${times.map((t) => t.toFixed(0)).join(', ')}`);
  add('  first byte of output (ms, median)', fmt(median(firstBytes), 0), '', `all: ${firstBytes.map((t) => t.toFixed(0)).join(', ')}`);
  add('  CPU time of the child until then (ms, median)', fmt(median(cpuAtFirst), 0), '', `all: ${cpuAtFirst.map((t) => t.toFixed(0)).join(', ')}`);
  add('first frame with all 4 panes (ms, median)', fmt(median(full), 0), '', `n=${full.length}`);
  add('first frame with live tasks in the Feed (ms, median)', fmt(median(live), 0), '', `all: ${live.map((t) => t.toFixed(0)).join(', ')}`);
  add('RSS 1.5 s after start, own sim (MiB, median)', fmt(median(rss) / 1024), '', 'desk + in-process sim + bots');
}

/** 2. Keypress → frame with the selection moved, with TASKS tasks in the market. */
async function keyLatency(label = '', env = {}) {
  const sim = await startSeedSim(['--tasks', String(TASKS)]);
  const d = spawnDesk({ cols: COLS, rows: ROWS, args: ['--api', sim.url], env });
  try {
    await d.waitFor(allPanes, 30_000);
    // Wait until the feed has rows and a visible selection.
    await d.waitFor(() => selectedRow(d.term) !== null, 30_000);
    await sleep(2000);
    d.write('1'); // focus the Feed
    await sleep(300);
    const lat = [];
    let missed = 0;
    for (let i = 0; i < PRESSES; i++) {
      const before = selectedRow(d.term);
      const changed = new Promise((res) => {
        const off = d.onFrame((_chunk, at) => {
          const now = selectedRow(d.term);
          if (now !== null && now !== before) {
            off();
            clearTimeout(t);
            res(at);
          }
        });
        const t = setTimeout(() => {
          off();
          res(null);
        }, 2000);
      });
      const t0 = performance.now();
      d.write('j');
      const at = await changed;
      if (at === null) missed++;
      else lat.push(at - t0);
      await sleep(60 + Math.random() * 90);
    }
    await sleep(500);
    add(`key j → selection moved, ${TASKS} tasks${label} (ms p50)`, fmt(median(lat)), '', `n=${lat.length}, missed ${missed}`);
    add(`key j → selection moved, ${TASKS} tasks${label} (ms p95)`, fmt(percentile(lat, 95)), '', `max ${fmt(Math.max(...lat))}`);
    add(`RSS with ${TASKS} tasks in the market${label} (MiB)`, fmt(rssKiB(d.pid) / 1024), '', 'desk only (sim in its own process)');
    if (lat.length === 0) notes.push(`keys: no selection change seen; selected row = ${JSON.stringify(selectedRow(d.term))}\n${d.screen()}`);
  } finally {
    d.kill();
    await sim.stop();
  }
}

/** 3. Idle with 8 live dutch clocks: CPU share of one core, bytes/s to the terminal, RSS. */
async function idle(label = '', env = {}) {
  const sim = await startSeedSim(['--tasks', '0', '--dutch', '8']);
  const d = spawnDesk({ cols: COLS, rows: ROWS, args: ['--api', sim.url], env });
  try {
    await d.waitFor(allPanes, 30_000);
    await d.waitFor((s) => (s.match(/dutch clock \d/g) ?? []).length > 0 || (findBox(d.term, 'Clocks') !== null && /\d\.\d{2}/.test(s)), 30_000).catch(() => {
      notes.push('idle: could not see the clocks by name; measuring anyway');
    });
    await sleep(3000); // warm-up: first polls, JIT
    const cpu0 = cpuMs(d.pid);
    const r0 = sim.requests();
    const b0 = d.bytes();
    const w0 = performance.now();
    await sleep(IDLE_MS);
    await sleep(600); // the sim reports its request count twice a second
    const cpu1 = cpuMs(d.pid);
    const r1 = sim.requests();
    const b1 = d.bytes();
    const secs = (performance.now() - w0) / 1000;
    add(`idle, 8 dutch clocks${label}: CPU (% of one core)`, fmt(((cpu1 - cpu0) / (secs * 1000)) * 100, 2), '<= 1', `${fmt(cpu1 - cpu0, 0)} ms CPU over ${fmt(secs)} s`);
    add(`idle, 8 dutch clocks${label}: output (bytes/s)`, fmt((b1 - b0) / secs, 0), '<= 1024', `${b1 - b0} bytes`);
    add(`idle, 8 dutch clocks${label}: HTTP requests/s to the sim`, fmt((r1 - r0) / secs, 2), '', `${r1 - r0} requests`);
    add(`idle, 8 dutch clocks${label}: RSS (MiB)`, fmt(rssKiB(d.pid) / 1024), '', 'desk only');
  } finally {
    d.kill();
    await sim.stop();
  }
}

/** Spawn → exit of `cmd args` with pipes (no pty), in ms; rejects on a non-zero exit. */
function spawnToExit(cmd, args, env) {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => (code === 0 ? res({ ms: performance.now() - t0, out }) : rej(new Error(`${cmd} exited ${code}: ${out.slice(0, 300)}`))));
  });
}

/** 1b. The everyday start: `taskdesk --api URL` against a running market, next to the official CLI's `task list`. */
async function firstLiveExternal() {
  const sim = await startSeedSim(['--tasks', '20']);
  const home = mkdtempSync(join(tmpdir(), 'taskdesk-bench-cli-'));
  try {
    const run = async (env, n = LAUNCHES) => {
      const live = [];
      const cpu = [];
      for (let i = 0; i < n; i++) {
        const d = spawnDesk({ cols: COLS, rows: ROWS, args: ['--api', sim.url], env });
        try {
          const at = await d.waitFor(liveMarket, 30_000);
          live.push(at - d.t0);
          cpu.push(cpuMs(d.pid));
        } catch (e) {
          notes.push(`live --api launch ${i + 1}: ${String(e.message).split('\n')[0]}`);
        } finally {
          d.kill();
        }
        await sleep(300);
      }
      return { live, cpu };
    };
    const bundled = await run({});
    const cliEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TASKMARKET_API_URL: sim.url, LANG: 'C.UTF-8' };
    const cli = [];
    if (existsSync(CLI)) {
      for (let i = 0; i < LAUNCHES; i++) {
        try {
          cli.push((await spawnToExit(CLI, ['task', 'list'], cliEnv)).ms);
        } catch (e) {
          notes.push(`official CLI task list: ${String(e.message).split('\n')[0]}`);
          break;
        }
      }
    } else notes.push('official CLI not installed (node_modules/.bin/taskmarket)');
    const m = median(bundled.live);
    add('first LIVE frame, --api running market (ms, median)', fmt(m, 0), '<= 400', `all: ${bundled.live.map((t) => t.toFixed(0)).join(', ')}`);
    add('  CPU time of the child until then (ms, median)', fmt(median(bundled.cpu), 0), '', `all: ${bundled.cpu.map((t) => t.toFixed(0)).join(', ')}`);
    add('official CLI `task list` spawn → exit (ms, median)', fmt(median(cli), 0), '', `all: ${cli.map((t) => t.toFixed(0)).join(', ')}`);
    add('  ratio desk first live frame / CLI task list', fmt(m / median(cli), 2), '<= 1', '');
    if (process.env.BENCH_LEVERS !== '0') {
      // Each start-up lever's share: the same launch without it.
      const unb = await run({ TASKDESK_UNBUNDLED: '1' });
      add('  lever: without the bundle (tsc per-file dist/) (ms, median)', fmt(median(unb.live), 0), '', `CPU ${fmt(median(unb.cpu), 0)} ms; all: ${unb.live.map((t) => t.toFixed(0)).join(', ')}`);
      const late = await run({ TASKDESK_CONNECT_AFTER_INK: '1' });
      add('  lever: first poll after Ink has loaded (ms, median)', fmt(median(late.live), 0), '', `all: ${late.live.map((t) => t.toFixed(0)).join(', ')}`);
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
    await sim.stop();
  }
}

/** Screen text inside the Feed box (what a filter or a sort changes). */
function feedText(term) {
  const box = findBox(term, 'Feed');
  if (!box) return '';
  const buf = term.buffer.active;
  const out = [];
  for (let y = box.top + 1; y < box.bottom; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true, box.left + 1, box.right) ?? '');
  return out.join('\n');
}

/** Write `key` and resolve with ms until the first frame after which pred(before, now) holds; null after 3 s. */
function keyToFrame(d, key, changed) {
  const before = feedText(d.term);
  return new Promise((res) => {
    const t0 = performance.now();
    const off = d.onFrame((_chunk, at) => {
      if (!changed(before, feedText(d.term))) return;
      off();
      clearTimeout(t);
      res(at - t0);
    });
    const t = setTimeout(() => {
      off();
      res(null);
    }, 3000);
    d.write(key);
  });
}

/** 2b. Filter (a typed character of `/`) and sort (`>`) → frame, with TASKS tasks. */
async function filterSort() {
  const sim = await startSeedSim(['--tasks', String(TASKS)]);
  const d = spawnDesk({ cols: COLS, rows: ROWS, args: ['--api', sim.url, '--no-xmtp'] });
  const diff = (a, b) => a !== b;
  try {
    await d.waitFor(() => selectedRow(d.term) !== null, 30_000);
    await sleep(2000);
    d.write('1');
    await sleep(300);
    const sorts = [];
    for (let i = 0; i < 10; i++) {
      const ms = await keyToFrame(d, '>', diff);
      if (ms !== null) sorts.push(ms);
      await sleep(150);
    }
    const filters = [];
    for (let i = 0; i < 5; i++) {
      d.write('/');
      await sleep(200);
      for (const ch of ['a', 'u', 'd']) {
        const ms = await keyToFrame(d, ch, diff);
        if (ms !== null) filters.push(ms);
        await sleep(120);
      }
      d.write('\x1b');
      await sleep(400);
    }
    add(`sort key > → frame, ${TASKS} tasks (ms p50)`, fmt(median(sorts)), '', `n=${sorts.length}`);
    add(`sort key > → frame, ${TASKS} tasks (ms p95)`, fmt(percentile(sorts, 95)), '<= 20', `max ${fmt(Math.max(...sorts))}`);
    add(`filter keystroke → frame, ${TASKS} tasks (ms p50)`, fmt(median(filters)), '', `n=${filters.length}`);
    add(`filter keystroke → frame, ${TASKS} tasks (ms p95)`, fmt(percentile(filters, 95)), '<= 20', `max ${fmt(Math.max(...filters))}`);
  } finally {
    d.kill();
    await sim.stop();
  }
}

/** 4. Eight hours of ticking on the fast clock with 8 live clocks: memory after the first minute vs after. */
async function soak() {
  const sim = await startSeedSim(['--tasks', '20', '--dutch', '8', '--clock-hours', '10']);
  const dir = mkdtempSync(join(tmpdir(), 'taskdesk-soak-'));
  const report = join(dir, 'ticks');
  // A minute of real ticks first (start-up over, every pane drawn, the first polls in), then 8 hours of
  // ticks at 2 ms each. --expose-gc lets the desk take a full GC before each memory reading.
  const d = spawnDesk({
    cols: COLS, rows: ROWS, args: ['--api', sim.url, '--no-xmtp'], nodeArgs: ['--expose-gc'],
    env: { TASKDESK_BENCH_TICKS: String(SOAK_TICKS), TASKDESK_BENCH_TICK_MS: '2', TASKDESK_BENCH_TICK_DELAY: String(SOAK_WARM_MS), TASKDESK_BENCH_TICK_REPORT: report },
  });
  const read = () => {
    try {
      return JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      return { ticks: 0, done: false };
    }
  };
  try {
    await d.waitFor(liveMarket, 30_000);
    let r = read();
    while (!r.start) {
      await sleep(500);
      r = read();
    }
    const procRss0 = rssKiB(d.pid);
    const t0 = performance.now();
    const cpu0 = cpuMs(d.pid);
    const samples = [];
    while (!r.done && performance.now() - t0 < 20 * 60_000) {
      await sleep(2000);
      samples.push(rssKiB(d.pid));
      r = read();
    }
    const secs = (performance.now() - t0) / 1000;
    const cpu = (cpuMs(d.pid) - cpu0) / 1000;
    const mib = (b) => fmt(b / 1024 / 1024);
    add('soak: RSS after the first minute, after a full GC (MiB)', mib(r.start.rss), '', `heap in use ${mib(r.start.heapUsed)} MiB; 8 live clocks, 120x40; /proc RSS ${fmt(procRss0 / 1024)}`);
    add(`soak: RSS after ${fmt(SOAK_TICKS / 3600)} h of ticks, after a full GC (MiB)`, mib(r.end.rss), '', `heap in use ${mib(r.end.heapUsed)} MiB; ${r.ticks} ticks in ${fmt(secs, 0)} s (CPU ${fmt(cpu)} s); peak RSS while ticking fast ${fmt(Math.max(...samples) / 1024)} MiB`);
    add('soak: RSS growth (MiB)', mib(r.end.rss - r.start.rss), '<= 10', `heap in use ${mib(r.end.heapUsed - r.start.heapUsed)} MiB`);
  } finally {
    d.kill();
    rmSync(dir, { recursive: true, force: true });
    await sim.stop();
  }
}

function print() {
  const head = ['metric', 'value', 'goal', 'detail'];
  const w = head.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(w[i])).join(' | ');
  console.log(`\ntaskdesk desk benchmark — ${COLS}x${ROWS} pty, node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), ${process.env.BENCH_BIN ? `launcher ${process.env.BENCH_BIN}, ` : ''}shared/noisy machine, load avg ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('-|-'));
  for (const r of rows) console.log(line(head.map((h) => r[h])));
  for (const n of notes) console.log(`note: ${n}`);
}

const only = process.argv[2];
try {
  if (!only || only === 'live') await firstLiveExternal();
  if (!only || only === 'first') await firstFrame();
  if (!only || only === 'keys') await keyLatency();
  // The launcher runs React's production build; this shows what the development build would cost.
  if (!only || only === 'filter-sort') await filterSort();
  if (!only || only === 'keys-dev') await keyLatency(' [NODE_ENV=development]', { NODE_ENV: 'development' });
  if (!only || only === 'idle') await idle();
  // The desk's own incremental frame writer turned off: Ink's full redraw every tick, for comparison.
  if (!only || only === 'idle-full-redraw') await idle(' [TASKDESK_INCREMENTAL=0]', { TASKDESK_INCREMENTAL: '0' });
  if (!only || only === 'soak') await soak();
} catch (e) {
  notes.push(`aborted: ${e.message}`);
} finally {
  print();
}
process.exit(0);
