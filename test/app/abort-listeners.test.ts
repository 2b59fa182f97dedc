// Finding 4: `taskdesk --bots 16` printed "MaxListenersExceededWarning: Possible EventTarget memory leak
// detected. 11 abort listeners added to [AbortSignal]" over the desk. These pin down who may leave abort
// listeners on a signal that outlives one request: the scheduler's race, the HTTP client, the bots.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createTaskmarketClient } from '../../src/markets/taskmarket/client.js';
import { accountsOf } from '../../src/sim/taskmarket/accounts/accounts.js';
import { startBots } from '../../src/sim/taskmarket/bots/index.js';
import { startSim } from '../../src/sim/server.js';
import { Scheduler } from '../../src/store/scheduler.js';
import { json, startStub } from '../markets/stub-server.js';

/** Every process warning emitted while the returned recorder is active. */
function recordWarnings(): { warnings: Error[]; stop(): void } {
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  process.on('warning', onWarning);
  return { warnings, stop: () => process.off('warning', onWarning) };
}

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('abort listeners come off when the work they guard ends', () => {
  it('the scheduler removes its timeout race from a run signal once the run settles', async () => {
    const signals: AbortSignal[] = [];
    const scheduler = new Scheduler(() => {}, { baseMs: 1, maxMs: 5, random: () => 0 });
    cleanups.push(() => scheduler.stop());
    let failNext = false;
    scheduler.add({
      name: 'p',
      intervalMs: 5,
      run: async ({ signal }) => {
        signals.push(signal);
        // Runs that succeed and runs that fail both have to clean up.
        failNext = !failNext;
        if (failNext) throw new Error('refused');
      },
    });
    scheduler.start();
    await until(() => signals.length >= 4, 10_000, 'four poller runs');
    scheduler.stop();
    // Every finished run's signal is bare again (the last one may be the run stop() just aborted).
    for (const s of signals.slice(0, 3)) expect(getEventListeners(s, 'abort')).toHaveLength(0);
  });

  it('many requests sharing one caller signal, in parallel and in a row, leave no listener and no warning', async () => {
    const stub = await startStub(async (_r, res) => {
      await new Promise((r) => setTimeout(r, 20));
      json(res, 200, { ok: true });
    });
    cleanups.push(() => stub.close());
    const rec = recordWarnings();
    cleanups.push(() => rec.stop());
    const client = createTaskmarketClient({ apiUrl: stub.url });
    const shared = new AbortController().signal;
    // A deep feed sweep reads page after page on one poll's signal; the detail poller reads in parallel.
    await Promise.all(Array.from({ length: 30 }, () => client.get('/api/tasks', { signal: shared })));
    for (let i = 0; i < 30; i++) await client.get('/api/tasks', { signal: shared });
    await new Promise((r) => setTimeout(r, 50)); // a warning is emitted on the next tick
    expect(getEventListeners(shared, 'abort')).toHaveLength(0);
    expect(rec.warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });

  it('sixteen simulator bots asleep together do not trip the listener limit', async () => {
    const rec = recordWarnings();
    cleanups.push(() => rec.stop());
    const running = await startSim({ port: 0 });
    cleanups.push(() => running.close());
    // A long step keeps every bot in its first sleep once it is set up: all sixteen wait at once.
    const bots = startBots(running.sim, { count: 16, seed: 'listeners', url: running.url, stepMs: 600_000 });
    cleanups.push(() => bots.stop());
    const registered = () => Object.values(accountsOf(running.sim).data.agents).filter((a) => a.emailAddress).length;
    // Registering its email is the last thing a bot does before it goes to sleep.
    await until(() => registered() >= 16, 30_000, 'sixteen bots set up');
    await new Promise((r) => setTimeout(r, 200));
    const leaks = rec.warnings.filter((w) => w.name === 'MaxListenersExceededWarning');
    expect(leaks.map((w) => w.message)).toEqual([]);
  }, 60_000);
});
