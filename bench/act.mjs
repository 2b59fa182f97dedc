// The acting benchmark (`node bench/act.mjs`, after `npm run build`): how long from the operator's confirm
// key to the first byte of the auction-accept request at the market, for the desk's native executor and
// for spawning the official CLI for the same action, in the same run, against one external simulator.
//   native: the desk in a real pty (--api <sim>), a fresh dutch clock, `b` on it, the auction-accept ticket
//           filled (the default guard) and its phrase typed; t0 = the Enter written to the pty.
//   cli:    `node_modules/.bin/taskmarket task auction-accept <id> --min-price X` spawned at t0 (no shell),
//           HOME holding the same CLI-compatible keystore.
// "First byte" is the simulator's receivedAt for the first POST /api/tasks/<id>/bids/accept (wall ms, taken
// when the request arrived, before its body was read). Prints medians of BENCH_ACT_RUNS (default 7) and the
// ratio (goal ≥ 40×). Asserts nothing; the machine is shared and noisy.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, spawnDesk } from './lib/pty.mjs';
import { fmt, median, sleep } from './lib/measure.mjs';

const RUNS = Math.max(5, Number(process.env.BENCH_ACT_RUNS ?? 7));
const CLI = join(REPO_ROOT, 'node_modules', '.bin', 'taskmarket');
const ROUTE = (id) => `/api/tasks/${id}/bids/accept`;

if (!existsSync(join(REPO_ROOT, 'dist', 'cli.js'))) {
  console.error('bench/act.mjs: dist/cli.js is missing; run `npm run build` first.');
  process.exit(1);
}
if (!existsSync(CLI)) {
  console.error('bench/act.mjs: the official CLI is not installed (node_modules/.bin/taskmarket).');
  process.exit(1);
}

/** Wall ms with sub-ms precision, on the same clock the simulator stamps receivedAt with. */
const wallNow = () => performance.timeOrigin + performance.now();

function startSim() {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'taskdesk'), 'sim', '--port', '0', '--bots', '0'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error(`sim did not start:\n${out}`)), 20_000);
    child.stderr.setEncoding('utf8').on('data', (d) => (out += d));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(t);
        resolve({ url: m[1], stop: () => child.kill('SIGKILL') });
      }
    });
  });
}

async function json(url, init) {
  const r = await fetch(url, init);
  if (!r.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${r.status} ${await r.text()}`);
  return r.json();
}
const post = (url, body) => json(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** A fresh dutch clock owned by a seed requester: 5 → 1 USDC over 24 h, so it barely moves during a run. */
async function dutch(sim) {
  const body = { description: 'bench dutch', reward: '5000000', maxPrice: '5000000', mode: 'auction', auctionType: 'dutch', auctionFloorPrice: '1000000', bidDeadline: 24, duration: 48, tags: [] };
  return (await post(`${sim.url}/sim/seed`, { tasks: [body] })).ids[0];
}

/** The simulator's receivedAt of the first request for the auction-accept route of `id` (waits for it). */
async function firstByte(sim, id, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await json(`${sim.url}/sim/requests`);
    const hits = log.filter((r) => r.path === ROUTE(id) && typeof r.receivedAt === 'number');
    if (hits.length) return { at: Math.min(...hits.map((r) => r.receivedAt)), statuses: hits.map((r) => r.status) };
    if (Date.now() > deadline) throw new Error(`no ${ROUTE(id)} at the simulator`);
    await sleep(20);
  }
}

const lastTicketLine = (screen) => {
  const rows = screen.split('\n').map((l) => l.replace(/^[║│]\s?/, '').replace(/\s*[║│]\s*$/, ''));
  return [...rows].reverse().find((l) => /to confirm · Esc cancels|Press y to confirm|Enter or Esc closes|Enter checks the inputs/.test(l)) ?? '';
};

/** One native run: b on the clock, Enter on the inputs, the phrase typed; t0 = the confirming Enter. */
async function nativeRun(sim, d, id) {
  d.write('\x1b\x1b');
  await sleep(150);
  d.write('R');
  d.write('2');
  // Only this run's clock is open; wait until the Clocks pane shows it selected.
  await d.waitFor((s) => s.split('\n').some((l) => l.includes('›') && l.includes(id.slice(0, 9))), 30_000);
  d.write('b');
  await d.waitFor((s) => s.includes('Ticket: Accept the clock') && /✓ task fresh/.test(s), 30_000);
  d.write('\r');
  await d.waitFor((s) => /Type \S+ to confirm · Esc cancels/.test(lastTicketLine(s)) && !/cannot confirm|confirm again/.test(s), 30_000);
  const phrase = /Type (\S+) to confirm/.exec(lastTicketLine(d.screen()))[1];
  d.write(phrase);
  await d.waitFor((s) => s.includes(`> ${phrase}_`), 10_000);
  const t0 = wallNow();
  d.write('\r');
  const fb = await firstByte(sim, id);
  await d.waitFor((s) => /Done: |Not done: /.test(s) && /Enter or Esc closes/.test(s), 30_000);
  const ok = /Done: verified/.test(d.screen());
  d.write('\r');
  await d.waitFor((s) => !s.includes('Ticket:'), 10_000);
  // Where the time went, from the journal's own stamps (ms resolution): key → intent, intent → sent, sent → first byte.
  const recs = readJournal(journalFile).records.filter((r) => r.taskId === id);
  const at = (step) => Date.parse(recs.find((r) => r.step === step)?.at ?? '');
  return { ms: fb.at - t0, ok, split: [at('intent') - t0, at('sent') - at('intent'), fb.at - at('sent')] };
}

/** One CLI run: spawn the official CLI at t0 for the same action. */
async function cliRun(sim, home, id) {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, TASKMARKET_API_URL: sim.url, LANG: 'C.UTF-8' };
  const t0 = wallNow();
  const child = spawn(CLI, ['task', 'auction-accept', id, '--min-price', '1'], { cwd: home, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (x) => (out += x));
  child.stderr.setEncoding('utf8').on('data', (x) => (out += x));
  const code = await new Promise((r) => child.on('close', r));
  const fb = await firstByte(sim, id, 5_000);
  return { ms: fb.at - t0, ok: code === 0 && /"ok":\s*true/.test(out), out };
}

const rows = [];
const notes = [];
const sim = await startSim();
const home = mkdtempSync(join(tmpdir(), 'taskdesk-bench-act-'));
const journalFile = join(home, '.local', 'state', 'taskdesk', 'journal.jsonl');
let readJournal = null;
let desk = null;
try {
  const { createWallet } = await import(join(REPO_ROOT, 'dist', 'sim', 'taskmarket', 'accounts', 'demo-wallet.js'));
  ({ readJournal } = await import(join(REPO_ROOT, 'dist', 'exec', 'journal-read.js')));
  const wallet = await createWallet(sim.url, home, { fund: 100_000_000n, email: false });
  const xdg = { HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_STATE_HOME: join(home, '.local', 'state'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_CACHE_HOME: join(home, '.cache') };
  // --no-xmtp: no `taskmarket xmtp listen` child competing for the 2 cores during the measurement.
  desk = spawnDesk({ args: ['--api', sim.url, '--network', 'base-sepolia', '--no-xmtp'], cols: 140, rows: 60, env: xdg });
  const short = `${wallet.address.slice(0, 6).toLowerCase()}…`;
  await desk.waitFor((s) => /\bOK\b/.test(s) && s.toLowerCase().includes(short) && s.includes('Feed'), 30_000);

  const native = [];
  const splits = [[], [], []];
  const cli = [];
  // Interleaved, so both see the same machine load; the first round also warms the desk's code paths.
  for (let i = 0, tries = 0; native.length < RUNS && tries < RUNS + 4; tries++) {
    try {
      const a = await nativeRun(sim, desk, await dutch(sim));
      const b = await cliRun(sim, home, await dutch(sim));
      if (!a.ok) notes.push(`native run ${tries + 1}: the accept was not verified`);
      if (!b.ok) notes.push(`cli run ${tries + 1}: ${b.out.trim().split('\n').at(-1)?.slice(0, 160)}`);
      if (i++ === 0) continue; // warm-up
      native.push(a.ms);
      a.split.forEach((x, k) => splits[k].push(x));
      cli.push(b.ms);
    } catch (e) {
      notes.push(`run ${tries + 1} skipped: ${String(e.message).split('\n')[0]}`);
      desk.write('\x1b\x1b\x1b');
      await sleep(500);
    }
  }
  const mn = median(native);
  const mc = median(cli);
  rows.push(['native executor (desk in a pty): confirm key → first byte', fmt(mn, 1), native.map((x) => x.toFixed(1)).join(', ')]);
  rows.push(['  of which: key → journal intent (fsync)', fmt(median(splits[0]), 0), splits[0].map((x) => x.toFixed(0)).join(', ')]);
  rows.push(['  of which: intent → sent (approved, sent fsync\'d)', fmt(median(splits[1]), 0), splits[1].map((x) => x.toFixed(0)).join(', ')]);
  rows.push(['  of which: sent → first byte at the simulator', fmt(median(splits[2]), 1), splits[2].map((x) => x.toFixed(1)).join(', ')]);
  rows.push(['official CLI spawned: spawn → first byte', fmt(mc, 1), cli.map((x) => x.toFixed(0)).join(', ')]);
  rows.push(['ratio (CLI / native), goal ≥ 40×', `${fmt(mc / mn, 1)}×`, mc / mn >= 40 ? 'goal met' : 'goal NOT met']);
} catch (e) {
  notes.push(`aborted: ${e.message}`);
} finally {
  desk?.kill();
  sim.stop();
  rmSync(home, { recursive: true, force: true });
}

const head = ['metric (ms, median)', 'value', `runs (n=${RUNS}, after one warm-up each)`];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(w[i])).join(' | ');
console.log(`\ntaskdesk act benchmark — auction-accept, node ${process.version}, ${cpus().length} CPUs, load avg ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(line(head));
console.log(w.map((n) => '-'.repeat(n)).join('-|-'));
for (const r of rows) console.log(line(r));
for (const n of notes) console.log(`note: ${n}`);
process.exit(0);
