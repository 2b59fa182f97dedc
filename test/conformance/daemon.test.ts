// The official `taskmarket daemon` against the sim (taskmarket-cli.md §5): NDJSON events for unread email
// (then marked read on the server), new open tasks, and a status change on a task the agent requested.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CLI_PATH, startDesk, USDC, type Agent, type Desk } from './cli.js';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let desk: Desk;
let alice: Agent;
let bob: Agent;
let daemon: ChildProcess;
const events: any[] = [];
const waiters: Array<() => void> = [];

function waitForEvent(match: (e: any) => boolean, what: string, capMs = 120_000): Promise<any> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no daemon event: ${what}`)), capMs);
    const check = () => {
      const hit = events.find(match);
      if (!hit) return false;
      clearTimeout(timer);
      resolve(hit);
      return true;
    };
    if (!check()) waiters.push(() => void check());
  });
}

beforeAll(async () => {
  desk = await startDesk();
  [alice, bob] = await Promise.all([desk.agent(5n * USDC), desk.agent(5n * USDC)]);
  await bob.ok(['email', 'send', '--to', alice.emailAddress ?? '', '--subject', 'Ping', '--body', 'Are you there?']);
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: alice.home, TASKMARKET_API_URL: desk.url };
  delete env.TASKMARKET_XMTP_ENV;
  daemon = spawn(
    process.execPath,
    [CLI_PATH, 'daemon', '--no-xmtp', '--inbox-interval', '300', '--task-interval', '300', '--auction-poll-interval', '600000', '--email-poll-interval', '300'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let buf = '';
  daemon.stdout?.on('data', (chunk: Buffer) => {
    buf += chunk.toString('utf8');
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        const parsed = JSON.parse(line);
        if (parsed?.ok && parsed.data?.event) events.push(parsed.data);
      } catch {
        /* not an event line */
      }
      for (const w of waiters) w();
    }
  });
});
afterAll(async () => {
  if (daemon && daemon.exitCode === null) {
    const exited = new Promise((r) => daemon.once('exit', r));
    daemon.kill('SIGTERM');
    await exited;
  }
  await desk?.close();
});

describe('daemon', () => {
  it('emits email.new for unread mail and the server then holds it as read', async () => {
    const e = await waitForEvent((x) => x.event === 'email.new', 'email.new');
    expect(e).toMatchObject({ fromAddress: bob.emailAddress, subject: 'Ping', bodyText: 'Are you there?' });
    const inbox = await alice.ok(['email', 'inbox', '--unread']);
    expect(inbox.emails).toEqual([]);
  });

  it('emits task.new for a task posted after its baseline', async () => {
    const { taskId } = await bob.ok(['task', 'create', '--description', 'Fresh task for the daemon', '--reward', '1', '--duration', '24', '--tags', 'ops']);
    const e = await waitForEvent((x) => x.event === 'task.new' && x.taskId === taskId, 'task.new');
    expect(e).toMatchObject({ description: 'Fresh task for the daemon', reward: '1000000', mode: 'bounty', tags: ['ops'] });
  });

  it('emits task.status_changed when a task it requested is claimed', async () => {
    const { taskId } = await alice.ok(['task', 'create', '--mode', 'claim', '--description', 'Claim me', '--reward', '1', '--duration', '24']);
    // The change is only reported for tasks seen in two inbox snapshots: wait until the daemon has polled once more.
    await waitForEvent((x) => x.event === 'task.new' && x.taskId === taskId, 'own task.new');
    await new Promise((r) => setTimeout(r, 3_000));
    await bob.ok(['task', 'claim', taskId]);
    const e = await waitForEvent((x) => x.event === 'task.status_changed' && x.taskId === taskId, 'status change');
    expect(e).toMatchObject({ role: 'requester', from: 'open', to: 'claimed' });
    expect(Array.isArray(e.pendingActions)).toBe(true);
  });
});
