// Execution Market for one session: a client signed by the operator's wallet (keys only inside each
// signing), the reader behind the EM pollers, the /ws feed with polling as the fallback, and the wallet's
// executor id (registering is a free get-or-create). The desk reaches EM only over HTTP and WebSocket.
import type { Task } from '../core/types.js';
import type { DeskStore } from '../store/desk-store.js';
import { createEmPollers, type EmPollers } from '../store/em-pollers.js';
import type { Backend } from './backend.js';
import type { EmClient } from '../markets/execution-market/client.js';
import type { EmReader } from '../markets/execution-market/reader.js';

const SLOW_SIGNING_MS = 50;
const SLOW_MINE_MS = 60_000;

export interface EmSession {
  client: EmClient;
  reader: EmReader;
  pollers: EmPollers;
  /** Stop polling and close the /ws feed. */
  stop(): void;
}

/** Did EM's row of the task change in a way its detail would show (status, worker, escrow, payment)? */
function moved(before: Task | undefined, after: Task): boolean {
  const a = before?.em;
  const b = after.em;
  if (!a || !b) return true;
  return a.status !== b.status || a.executorId !== b.executorId || a.escrowStatus !== b.escrowStatus || a.paymentTx !== b.paymentTx || a.refundTx !== b.refundTx || a.bounty !== b.bounty || a.deadline !== b.deadline || before.submissionCount !== after.submissionCount;
}

export async function openEm(store: DeskStore, backend: Backend): Promise<EmSession> {
  const { createEmClient, createEmReader, createEmFeed, createEmLive, registerWorker } = await import('../markets/execution-market/index.js');
  const client = createEmClient({ baseUrl: backend.emBaseUrl!, chainId: backend.network.chainId, now: backend.signingNow, ...(backend.signer ? { signer: backend.signer } : {}) });
  const reader = createEmReader({ client });
  store.getState().setEm({ enabled: true, apiUrl: client.apiUrl });
  if (backend.signer) {
    // The executor id lets the wallet apply and see its own work; a failure leaves the worker side off.
    void registerWorker(client, {}).then(
      (r) => {
        reader.setExecutorId(r.executorId);
        store.getState().setEm({ executorId: r.executorId });
      },
      (err: unknown) => store.getState().setEm({ lastError: `register worker: ${err instanceof Error ? err.message : String(err)}` }),
    );
  }
  let pollers: EmPollers | null = null;
  const live = backend.signer
    ? (() => {
        const liveRef: { current: ReturnType<typeof createEmLive> | null } = { current: null };
        let wasOpen = false;
        const feed = createEmFeed({
          client,
          onEvent: (e) => liveRef.current?.handleEvent(e),
          onState: (st) => {
            const open = st.kind === 'open';
            store.getState().setEm({ live: open ? 'push' : 'poll' });
            // Push mode sweeps once a minute: when the socket goes (or comes back), events may have been
            // missed, so read now — and the run re-enters the cadence of the new mode.
            if (open !== wasOpen && pollers) for (const p of ['em-feed', 'em-mine']) pollers.scheduler.kick(p);
            wasOpen = open;
          },
        });
        liveRef.current = createEmLive({
          reader,
          feed,
          onTask: (task, source) => {
            const before = store.getState().tasks[task.id];
            store.getState().upsertTasks([task], Date.now());
            // A push means something changed that the row may not show (an application, a submission): read
            // the detail. A polled row that did not move needs none: that read costs four of the 60 requests
            // a minute EM allows (§2), and the polling budget counts one per task.
            if (source === 'push' || moved(before, task)) pollers?.refreshTask(task.id);
          },
          onNewTask: () => pollers?.scheduler.kick('em-feed'),
        });
        return { feed, live: liveRef.current };
      })()
    : null;
  // A keystore whose KDF is slow (geth's standard scrypt: ~1 s and 256 MiB a run) pays that on every signed
  // read: its own listings are polled every minute rather than every 15 s, and the operator is told why.
  const slow = (backend.signingCostMs ?? 0) >= SLOW_SIGNING_MS;
  if (slow) store.getState().addNotices([`Execution Market: this keystore takes ${backend.signingCostMs} ms to open per signature; its signed reads are polled every ${SLOW_MINE_MS / 1000} s (a lighter KDF, e.g. cast wallet's, makes them cheap)`]);
  pollers = createEmPollers(store, reader, live, { expect: { name: backend.network.name, chainId: backend.network.chainId, usdcAddress: backend.network.usdcAddress }, ...(slow ? { intervals: { mine: SLOW_MINE_MS } } : {}) });
  pollers.scheduler.start();
  const running = pollers;
  return { client, reader, pollers: running, stop: () => running.stop() };
}
