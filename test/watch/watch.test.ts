// The scriptable twin against a real simulator over HTTP: daemon-shaped NDJSON (cli §5), every string
// sanitised, money as base-unit strings; and the built binary quitting quietly when its reader leaves.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { parseArgs } from '../../src/app/args.js';
import { startSim, type RunningSim } from '../../src/sim/server.js';
import type { Session } from '../../src/app/session.js';
import { runWatch } from '../../src/watch/run.js';
import { fundWallet } from '../e2e-helpers/sim-api.js';
import { paidPost } from '../helpers/x402.js';
import { hasTerminalControl, HOSTILE } from '../text/hostile-corpus.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ESC = '\x1b';
const HOSTILE_DESCRIPTION = `watch-hostile ${ESC}]52;c;cm0gLXJmIH4K\x07${ESC}[2Jpay 1\rpay 9 \u202eevil\u202c ${ESC}]8;;https://evil.example/\x07link${ESC}]8;;\x07`;

interface Line {
  ok: boolean;
  data: Record<string, unknown> & { event: string };
}

function collector(out: PassThrough) {
  const lines: Line[] = [];
  const raw: string[] = [];
  let buf = '';
  const waiters: Array<() => void> = [];
  out.setEncoding('utf8');
  out.on('data', (c: string) => {
    buf += c;
    let i: number;
    while ((i = buf.indexOf('\n')) !== -1) {
      const l = buf.slice(0, i);
      buf = buf.slice(i + 1);
      raw.push(l);
      lines.push(JSON.parse(l) as Line);
      for (const w of waiters.splice(0)) w();
    }
  });
  return {
    lines,
    raw,
    async waitFor(pred: (l: Line) => boolean, ms = 20_000): Promise<Line> {
      const deadline = Date.now() + ms;
      for (;;) {
        const hit = lines.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching event; saw ${raw.slice(-5).join('\n')}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
  };
}

function privateEnv() {
  const home = mkdtempSync(join(tmpdir(), 'td-watch-'));
  return { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg'), XDG_STATE_HOME: join(home, 'state'), PATH: process.env.PATH ?? '' };
}

describe('taskdesk watch --json (in-process, real HTTP to a sim)', () => {
  let sim: RunningSim;
  let stop!: () => void;
  let done: Promise<number>;
  const out = new PassThrough();
  const events = collector(out);
  const key = generatePrivateKey();
  let baselineId: string | undefined;

  beforeAll(async () => {
    sim = await startSim({ port: 0 });
    await fundWallet(sim.url, privateKeyToAccount(key).address, 100_000_000n);
    const args = parseArgs(['--json', '--api', sim.url, '--task-interval', '300', '--auction-poll-interval', '300', '--no-xmtp'], {
      watch: true,
    });
    // One task already in the market: it must come out as task.snapshot, never as task.new.
    const { seedSimTasks, SEED_TASKS } = await import('../../src/app/seed.js');
    [baselineId] = seedSimTasks(sim.sim, SEED_TASKS.slice(3, 4));
    const holder: { session: Session | null } = { session: null };
    done = runWatch(args, { out, env: privateEnv(), until: new Promise<void>((r) => (stop = r)), onSession: (s) => (holder.session = s) });
    await events.waitFor((l) => l.data.event === 'watch.ready');
  });

  afterAll(async () => {
    stop?.();
    await done;
    await sim.close();
  });

  it('starts with the existing task as task.snapshot, then one watch.ready, and no task.new for it', () => {
    const first = events.lines.slice(0, 2).map((l) => l.data);
    expect(first[0]).toMatchObject({ event: 'task.snapshot', taskId: baselineId, reward: '3000000', mode: 'bounty', tags: ['translation', 'spanish'] });
    expect(Object.keys(first[0]!).sort()).toEqual(['at', 'description', 'event', 'mode', 'reward', 'tags', 'taskId']);
    expect(first[1]).toEqual({ event: 'watch.ready', at: expect.any(String), tasks: 1 });
    expect(events.lines.filter((l) => l.data.event === 'task.new')).toEqual([]);
  });

  it('emits task.new for a task created after start, with the description sanitised', async () => {
    const created = await paidPost(sim.url, '/api/tasks', { description: HOSTILE_DESCRIPTION, reward: '2500000', duration: 24, tags: ['e2e', `t${ESC}[31mag`], mode: 'bounty' }, key);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const taskId = (created.body as { taskId: string }).taskId;
    const ev = await events.waitFor((l) => l.data.event === 'task.new' && l.data.taskId === taskId);
    expect(ev.ok).toBe(true);
    expect(ev.data).toMatchObject({ event: 'task.new', taskId, reward: '2500000', mode: 'bounty', tags: ['e2e', 'tag'] });
    const d = String(ev.data.description);
    expect(d).toContain('watch-hostile');
    expect(d).toContain('pay 1\npay 9'); // CR became a line break: nothing is overwritten
    expect(d).toContain('link');
    expect(d).not.toContain('cm0gLXJmIH4K');
    expect(d).not.toContain('evil.example');
    expect(hasTerminalControl(d, true)).toBe(false);
  });

  it('emits task.auction_clock for open dutch auctions, price as a base-unit string', async () => {
    const created = await paidPost(sim.url, '/api/tasks', {
        description: 'watch dutch',
        reward: '9000000',
        maxPrice: '9000000',
        mode: 'auction',
        auctionType: 'dutch',
        auctionFloorPrice: '1000000',
        bidDeadline: 1,
        duration: 24,
        tags: [],
      }, key);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const taskId = (created.body as { taskId: string }).taskId;
    const ev = await events.waitFor((l) => l.data.event === 'task.auction_clock' && l.data.taskId === taskId);
    expect(ev.data.auctionType).toBe('dutch');
    expect(String(ev.data.currentAuctionPrice)).toMatch(/^\d+$/);
    const price = BigInt(String(ev.data.currentAuctionPrice));
    expect(price).toBeLessThanOrEqual(9_000_000n);
    expect(price).toBeGreaterThan(8_000_000n);
    expect(new Date(String(ev.data.bidDeadline)).toISOString()).toBe(ev.data.bidDeadline);
  });

  it('stamps every line with an ISO "at", in order, keeping the daemon envelope', () => {
    expect(events.lines.length).toBeGreaterThan(2);
    let prev = 0;
    for (const l of events.lines) {
      expect(l.ok).toBe(true);
      expect(Object.keys(l)).toEqual(['ok', 'data']);
      const at = String(l.data.at);
      expect(new Date(at).toISOString()).toBe(at);
      expect(Date.parse(at)).toBeGreaterThanOrEqual(prev);
      prev = Date.parse(at);
    }
  });

  it('never writes a terminal control byte on any line', () => {
    expect(events.raw.length).toBeGreaterThan(0);
    for (const l of events.raw) expect(hasTerminalControl(l)).toBe(false);
    // JSON escapes would smuggle them too: check the decoded strings.
    const strings = JSON.stringify(events.lines);
    for (const c of HOSTILE.slice(0, 3)) expect(strings).not.toContain(c.input);
  });
});

describe('node bin/taskdesk watch --json (built binary)', () => {
  it('streams NDJSON and exits 0 quietly when the reader goes away', async () => {
    const sim = await startSim({ port: 0 });
    try {
      const { seedSimTasks } = await import('../../src/app/seed.js');
      seedSimTasks(sim.sim);
      const child = spawn(
        process.execPath,
        // A day between feed polls: the snapshot can only come from a first poll that runs at once.
        [join(ROOT, 'bin', 'taskdesk'), 'watch', '--json', '--api', sim.url, '--task-interval', '86400000', '--auction-poll-interval', '300', '--no-xmtp'],
        { env: privateEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      // Everything up to and including the first task.auction_clock (it follows watch.ready at once).
      const lines = await new Promise<Line[]>((resolve, reject) => {
        let buf = '';
        const got: Line[] = [];
        child.stdout.setEncoding('utf8').on('data', (c: string) => {
          buf += c;
          let i: number;
          while ((i = buf.indexOf('\n')) !== -1) {
            got.push(JSON.parse(buf.slice(0, i)) as Line);
            buf = buf.slice(i + 1);
            if (got[got.length - 1]!.data.event === 'task.auction_clock') return resolve(got);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code} before output: ${stderr}`)));
      });
      const events = lines.map((l) => l.data.event);
      const ready = events.indexOf('watch.ready');
      expect(ready).toBeGreaterThan(0);
      expect(events.slice(0, ready)).toEqual(Array(ready).fill('task.snapshot'));
      expect(lines[ready]!.data.tasks).toBe(ready);
      expect(new Set(lines.slice(0, ready).map((l) => l.data.taskId))).toEqual(new Set(Object.keys(sim.sim.state.tasks)));
      for (const l of lines) {
        expect(l.ok).toBe(true);
        expect(new Date(String(l.data.at)).toISOString()).toBe(l.data.at);
      }
      // The reader leaves: the next write hits EPIPE and the process must end quietly with 0.
      child.stdout.destroy();
      const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
      expect(code).toBe(0);
      expect(stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
    } finally {
      await sim.close();
    }
  });
});
