// How the desk acts (DESIGN flow 3), wired for one session: the journal (locked to this desk), the
// executor (native or cli), the runner that performs a confirmed Intent once, start-up reconciliation of
// anything a crash left open, the spend totals and stop conditions the gate reads, and the network intent.
// The UI calls `runIntent` from a ticket; nothing else here is reachable from a key.
import { join } from 'node:path';
import type { Intent } from '../core/intent.js';
import { formatCompletionReport } from '../exec/completion-report.js';
import { journalView } from '../exec/journal-command.js';
import type { Executor } from '../exec/executor.js';
import { JournalLockedError, openJournal, type Journal } from '../exec/journal.js';
import { journalPath } from '../exec/journal-paths.js';
import { reconcile } from '../exec/reconcile.js';
import { createActionRunner, type ActionRunner, type RunOutcome } from '../exec/runner.js';
import { spendTotals } from '../exec/spend.js';
import type { DeskStore } from '../store/desk-store.js';
import type { Approval } from '../ui/context.js';
import type { TicketOutcome } from '../ui/tickets/model.js';
import type { DeskArgs } from './args.js';
import type { Backend } from './backend.js';
import type { DeskConfig } from '../config/schema.js';
import type { EmSession } from './em.js';
import { BASE_MAINNET, BASE_SEPOLIA } from '../markets/taskmarket/network.js';

export interface Acting {
  /** The journal view (palette :journal): the table and each action's completion report. */
  journalView(): { table: string[]; reports: { id: string; lines: string[] }[] };
  runIntent(intent: Intent, approval: Approval, extra: { shownPrice?: bigint | undefined; taskExpiresAt?: number | undefined }): Promise<TicketOutcome>;
  /** The runner (armed orders fire through the same one). */
  runner: ActionRunner | null;
  journal: Journal | null;
  close(): void;
}

export interface StartActingOptions {
  store: DeskStore;
  backend: Backend;
  args: DeskArgs;
  config: DeskConfig;
  env: Record<string, string | undefined>;
  /** Polls the wallet's balance, inbox and the task after an action. */
  refresh: () => void;
  /** Execution Market, when this session has it: its actions run through a runner of their own. */
  em: EmSession | null;
}

const NETWORKS = { base: BASE_MAINNET, 'base-sepolia': BASE_SEPOLIA } as const;

export async function startActing(o: StartActingOptions): Promise<Acting> {
  const { store, backend, args, config, env } = o;
  const intendedName = backend.badge === 'SIM' ? 'base-sepolia' : (args.network ?? config.act.network);
  const intended = intendedName ? NETWORKS[intendedName] : null;
  store.getState().setAct({
    intended: intended ? { name: intended.name, chainId: intended.chainId, usdcAddress: intended.usdcAddress } : null,
    // The built-in simulator is Base Sepolia by construction; a configured network counts as confirmed.
    confirmed: intended !== null,
    intendedApiUrl: backend.apiUrl,
    executor: args.executor ?? config.act.executor,
    sessionCap: config.act.sessionCap,
    dayCap: config.act.dayCap,
    guardLeadMs: config.act.guardLeadMs,
  });
  const none: Acting = { journalView: () => ({ table: ['this desk is not acting: no journal open'], reports: [] }), runIntent: async () => ({ ok: false, title: 'this desk cannot act', lines: [store.getState().act.blocked ?? 'read-only'] }), runner: null, journal: null, close: () => {} };
  const wallet = backend.wallet;
  if (!wallet || backend.readonly) {
    if (!wallet) store.getState().setAct({ blocked: 'no wallet: run taskmarket init (or pass --keystore)' });
    return none;
  }

  // The built-in simulator's journal lives with its demo wallet: that market ends with the session.
  const path = backend.badge === 'SIM' && backend.walletHome ? join(backend.walletHome, 'journal.jsonl') : journalPath(env);
  let journal: Journal;
  try {
    journal = openJournal(path);
  } catch (err) {
    const message = err instanceof JournalLockedError ? err.message : `journal ${path}: ${err instanceof Error ? err.message : String(err)}`;
    store.getState().setAct({ blocked: message });
    return none;
  }
  if (journal.takenOver) store.getState().addNotices([`journal: took over the lock of a desk that is gone (pid ${journal.takenOver.pid})`]);

  const executorKind = args.executor ?? config.act.executor;
  // Crash tests (test/e2e/act-crash.test.ts): hold every action at this journal step, so a test can kill
  // the desk right there. Does nothing unless set.
  const holdAt = env.TASKDESK_TEST_HOLD_STEP ?? null;
  const executor = await makeExecutor(executorKind, backend, env);
  const runner = createActionRunner({
    journal,
    executor,
    reader: backend.reader,
    network: { name: backend.network.name, chainId: backend.network.chainId },
    apiUrl: backend.apiUrl,
    wallet,
    executorKind,
    spendCaps: { session: config.act.sessionCap, day: config.act.dayCap },
  });
  // Execution Market actions share the journal, the gate and the tickets; their executor and verifier are EM's.
  const emRunner = o.em ? await makeEmRunner(o.em, journal, wallet, backend, runner.sessionStart, config) : null;
  const tally = () => {
    const t = spendTotals(journal.actions(), { sessionStart: runner.sessionStart, now: Date.now(), wallet });
    store.getState().setAct({ sessionSpent: t.sessionSpent, daySpent: t.daySpent });
  };
  tally();
  void loadWithdrawalAddress(store, backend, wallet);
  void settleOpenIntents(store, journal, backend, wallet).then(tally);

  return {
    runner,
    journal,
    close: () => journal.close(),
    journalView: () => journalView(journal.actions()),
    async runIntent(intent, approval, extra) {
      const s = store.getState();
      // Taskmarket's task as last fetched with its pendingActions; Execution Market's from its own reads.
      const task = intent.taskId ? ((intent.market === 'execution-market' ? s.tasks[intent.taskId] : s.details[intent.taskId]?.task) ?? null) : null;
      const which = intent.market === 'execution-market' ? emRunner : runner;
      if (!which) return { ok: false, title: 'Execution Market is not open in this session', lines: [] };
      const outcome = await which.run(intent, approval, {
        task,
        ...(extra.shownPrice !== undefined ? { shownPrice: extra.shownPrice } : {}),
        ...(extra.taskExpiresAt !== undefined ? { taskExpiresAt: extra.taskExpiresAt } : {}),
        ...(holdAt ? { onStep: (step: string) => (step === holdAt ? new Promise<void>(() => {}) : undefined) } : {}),
      });
      recordStops(store, intent, outcome);
      tally();
      if (intent.taskId) store.getState().requestDetail(intent.taskId);
      if (intent.action === 'set_withdrawal_address' || intent.action === 'withdraw') void loadWithdrawalAddress(store, backend, wallet);
      o.refresh();
      return ticketOutcome(outcome);
    },
  };
}

async function makeEmRunner(em: EmSession, journal: Journal, wallet: `0x${string}`, backend: Backend, sessionStart: number, config: DeskConfig): Promise<ActionRunner> {
  const { createEmExecutor } = await import('../exec/em-executor.js');
  const { verifyEm } = await import('../exec/em-verify.js');
  return createActionRunner({
    journal,
    executor: createEmExecutor({ client: em.client }),
    verifier: ({ intent, outcome }) => verifyEm(intent, em.reader, outcome),
    market: 'execution-market',
    network: { name: backend.network.name, chainId: backend.network.chainId },
    apiUrl: em.client.apiUrl,
    wallet,
    executorKind: 'native',
    spendCaps: { session: config.act.sessionCap, day: config.act.dayCap },
    sessionStart,
  });
}

async function makeExecutor(kind: 'native' | 'cli', backend: Backend, env: Record<string, string | undefined>): Promise<Executor> {
  if (kind === 'cli') {
    const { createCliExecutor, locateCli } = await import('../exec/cli-executor.js');
    const { createCliBridge } = await import('../exec/cli-bridge.js');
    const bin = locateCli(env);
    if (!bin) throw new Error('--executor cli: the official taskmarket CLI is not installed (npm install -g @lucid-agents/taskmarket)');
    // The CLI reads its keystore from HOME: the demo wallet's on the simulator, the user's otherwise.
    const cli = createCliExecutor({ bin, home: backend.walletHome ?? env.HOME ?? null, apiUrl: backend.apiUrl });
    return createCliBridge({ cli, client: backend.reader.client });
  }
  const { createTaskmarketWriter } = await import('../markets/taskmarket/writer.js');
  const { createNativeExecutor } = await import('../exec/native-executor.js');
  return createNativeExecutor({ writer: createTaskmarketWriter({ client: backend.reader.client, network: backend.network }) });
}

/** Stop conditions an outcome raises: an on-chain rejection (never retried), API and chain disagreeing. */
function recordStops(store: DeskStore, intent: Intent, r: RunOutcome): void {
  if (!intent.taskId) return;
  const act = store.getState().act;
  if (r.contractError) store.getState().setAct({ contractRejected: { ...act.contractRejected, [`${intent.taskId}:${intent.action}`]: `Contract call rejected: ${r.contractError}` } });
  if (r.verification?.outcome === 'mismatch') {
    store.getState().setAct({ stateDisagrees: { ...store.getState().act.stateDisagrees, [intent.taskId]: `after ${intent.action}: ${r.verification.note ?? 'the market does not show the expected change'}` } });
  }
}

/** The ticket's "done" page: what happened, then the guide's completion report. */
export function ticketOutcome(r: RunOutcome): TicketOutcome {
  if (r.refused) return { ok: false, title: 'not sent', lines: [r.refused.message] };
  const lines = r.report ? formatCompletionReport(r.report) : [];
  if (r.oneTime?.accountRecoveryCode) {
    lines.unshift(`ACCOUNT RECOVERY CODE (shown once, never journaled — save it now): ${r.oneTime.accountRecoveryCode}`);
  }
  if (r.contractError) return { ok: false, title: `Contract call rejected: ${r.contractError} (not retried; the task was re-fetched)`, lines };
  if (!r.response?.ok) return { ok: false, title: r.response && !r.response.ok ? r.response.error.message : 'no answer', lines };
  if (r.verification?.outcome === 'mismatch') return { ok: false, title: 'sent, but the market does not show the expected change (mismatch)', lines };
  if (r.verification?.outcome === 'unverifiable') return { ok: true, title: 'sent; the result could not be re-read yet (reconciled on the next start if need be)', lines };
  return { ok: true, title: 'verified', lines };
}

/** Start-up: every journaled intent without an outcome is settled before that action is offered again. */
async function settleOpenIntents(store: DeskStore, journal: Journal, backend: Backend, wallet: `0x${string}`): Promise<void> {
  const open = journal.unresolved().filter((a) => a.intent && a.intent.wallet.toLowerCase() === wallet.toLowerCase());
  if (open.length === 0) return;
  store.getState().setAct({ reconciling: open.map((a) => `${a.intent!.taskId}:${a.intent!.action}`) });
  try {
    const done = await reconcile({ journal, reader: backend.reader, client: backend.reader.client, wallet });
    const unknown = done.filter((d) => d.outcome === 'unknown');
    store.getState().addNotices([`journal: reconciled ${done.length} open action${done.length === 1 ? '' : 's'} from an earlier run${unknown.length ? ` (${unknown.length} still unknown: see taskdesk journal)` : ''}`]);
  } catch (err) {
    store.getState().addNotices([`journal: reconciliation failed (${err instanceof Error ? err.message : String(err)}); those actions stay blocked`]);
    return;
  }
  store.getState().setAct({ reconciling: [] });
}

async function loadWithdrawalAddress(store: DeskStore, backend: Backend, wallet: `0x${string}`): Promise<void> {
  try {
    const { getWithdrawalAddress } = await import('../markets/taskmarket/actions/get-withdrawal-address.js');
    const r = await getWithdrawalAddress(backend.reader.client, { address: wallet });
    store.getState().setAct({ withdrawalAddress: r.withdrawalAddress ?? null });
  } catch {
    // unknown stays unknown: the wallet gate then refuses a withdrawal
  }
}
