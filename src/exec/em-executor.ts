// The Execution Market executor: an approved EM Intent in, exactly one EM flow run over the native client
// (src/markets/execution-market/actions), an ExecOutcome out. The journalled idempotency key goes on every
// send; unknown outcomes are reconciled inside the actions before any re-send; a 202 assign is polled, never
// re-posted. Errors carry the server's detail.code (lower-cased as the journal's reason) and its retryable.
import { EM_ACTIONS, type EmIntentAction, type Intent } from '../core/intent.js';
import type { Address } from '../core/types.js';
import { MarketError } from '../markets/errors.js';
import { approve } from '../markets/execution-market/actions/approve.js';
import { apply } from '../markets/execution-market/actions/apply.js';
import { assign } from '../markets/execution-market/actions/assign.js';
import { cancel } from '../markets/execution-market/actions/cancel.js';
import { publish } from '../markets/execution-market/actions/publish.js';
import { rateAgent, rateWorker } from '../markets/execution-market/actions/rate.js';
import { reject } from '../markets/execution-market/actions/reject.js';
import { requestMoreInfo } from '../markets/execution-market/actions/request-more-info.js';
import { submit } from '../markets/execution-market/actions/submit.js';
import { withdraw } from '../markets/execution-market/actions/withdraw.js';
import type { EmClient } from '../markets/execution-market/client.js';
import { EmError } from '../markets/execution-market/errors.js';
import { readEmParams } from '../markets/execution-market/params.js';
import { redactSecrets } from './journal-guard.js';
import { isErrorKind, localFailure, type ExecContext, type ExecOutcome, type ExecResult, type Executor } from './executor.js';

export interface EmExecutorOptions {
  client: EmClient;
  /** After a 202 assign: first poll interval and the longest wait (defaults 1 s, 3 min). */
  pollIntervalMs?: number;
  maxLockWaitMs?: number;
  /** The longest 429 wait honoured inside one execution (default 65 s). */
  maxRateWaitMs?: number;
}

export interface EmExecutor extends Executor {
  readonly market: 'execution-market';
}

const EM_SET: ReadonlySet<string> = new Set(EM_ACTIONS);
const REASON = /^[a-z][a-z0-9_]{0,63}$/;
// Refusals made before anything was sent.
const LOCAL_REASONS = new Set(['invalid_params', 'no_signer', 'sign_failed', 'wrong_key', 'bad_path', 'request_body_too_large']);
// Outcomes to re-run with the same key: the next run reconciles first (or awaits the lock) before any send.
const PENDING_REASONS = new Set(['outcome_unknown', 'lock_pending', 'idempotency_key_in_use']);

/** An EmError / MarketError as the journal's ExecOutcome. */
export function emFailure(err: unknown): ExecOutcome {
  if (!(err instanceof MarketError)) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { kind: 'unknown', message: redactSecrets(message || 'executor failed', 300), contractError: null }, retryable: false };
  }
  const status = err.details.status;
  const code = err instanceof EmError ? err.code : null;
  const raw = (err.details.reason ?? code ?? '').toLowerCase();
  const reason = REASON.test(raw) ? raw : undefined;
  const local = status === undefined && (err.kind === 'auth' || (reason !== undefined && LOCAL_REASONS.has(reason)));
  const kind = local ? 'local' : isErrorKind(err.kind) ? err.kind : 'unknown';
  const retryable = !local && (err.retryable || (reason !== undefined && PENDING_REASONS.has(reason)));
  return {
    ok: false,
    ...(status !== undefined ? { httpStatus: status } : {}),
    error: { kind, message: redactSecrets(err.message, 300), contractError: null, ...(reason ? { reason } : {}) },
    retryable,
  };
}

export function createEmExecutor(o: EmExecutorOptions): EmExecutor {
  const client = o.client;
  const rate = o.maxRateWaitMs !== undefined ? { maxRateWaitMs: o.maxRateWaitMs } : {};

  async function run(intent: Intent, action: EmIntentAction, ctx: ExecContext): Promise<{ status?: number; result: ExecResult }> {
    const base = { idempotencyKey: ctx.idempotencyKey, ...(ctx.signal ? { signal: ctx.signal } : {}), ...rate };
    const taskId = intent.taskId;
    const needTask = (): string => {
      if (!taskId) throw new EmError('http', `${action} needs a task id`, { reason: 'invalid_params' });
      return taskId;
    };
    const bad = (error: string) => new EmError('http', error, { reason: 'invalid_params' });
    switch (action) {
      case 'em_publish': {
        const p = readEmParams('em_publish', intent.params);
        if (!p.ok) throw bad(p.error);
        const r = await publish(client, { ...p.value, ...base });
        return { status: r.idempotent ? 200 : 201, result: { taskId: r.task.id } };
      }
      case 'em_apply': {
        const p = readEmParams('em_apply', intent.params);
        if (!p.ok) throw bad(p.error);
        await apply(client, { taskId: needTask(), executorId: p.value.executorId, ...(p.value.message ? { message: p.value.message } : {}), ...base });
        return { status: 200, result: { taskId: needTask() } };
      }
      case 'em_assign': {
        const p = readEmParams('em_assign', intent.params);
        if (!p.ok) throw bad(p.error);
        const r = await assign(client, {
          taskId: needTask(),
          executorId: p.value.executorId,
          workerWallet: p.value.worker,
          bounty: p.value.bounty,
          ...(o.pollIntervalMs !== undefined ? { pollIntervalMs: o.pollIntervalMs } : {}),
          ...(o.maxLockWaitMs !== undefined ? { maxLockWaitMs: o.maxLockWaitMs } : {}),
          ...base,
        });
        return { status: r.path === 'inline' ? 200 : 202, result: { taskId: r.taskId, workerAddress: r.workerWallet as Address, ...(r.escrowTx ? { txHash: r.escrowTx } : {}) } };
      }
      case 'em_submit': {
        const p = readEmParams('em_submit', intent.params);
        if (!p.ok) throw bad(p.error);
        let evidence: Record<string, unknown>;
        try {
          evidence = JSON.parse(p.value.evidence) as Record<string, unknown>;
        } catch {
          throw bad('params.evidence is not JSON');
        }
        const required = p.value.requiredEvidence.length ? p.value.requiredEvidence : (ctx.task?.em?.evidenceRequired ?? []);
        const r = await submit(client, { taskId: needTask(), executorId: p.value.executorId, evidence, requiredEvidence: required, ...(p.value.notes ? { notes: p.value.notes } : {}), ...base });
        return { status: 200, result: { taskId: needTask(), submissionId: r.submissionId } };
      }
      case 'em_approve': {
        const p = readEmParams('em_approve', intent.params);
        if (!p.ok) throw bad(p.error);
        const r = await approve(client, { taskId: needTask(), submissionId: p.value.submissionId, ...(p.value.notes ? { notes: p.value.notes } : {}), ...base });
        return { status: 200, result: { taskId: needTask(), submissionId: r.submissionId, ...(r.paymentTx ? { txHash: r.paymentTx } : {}), ...(p.value.worker ? { workerAddress: p.value.worker as Address } : {}) } };
      }
      case 'em_reject': {
        const p = readEmParams('em_reject', intent.params);
        if (!p.ok) throw bad(p.error);
        const r = await reject(client, { submissionId: p.value.submissionId, severity: p.value.severity, notes: p.value.notes, ...(p.value.reputationScore !== null ? { reputationScore: p.value.reputationScore } : {}), ...base });
        return { status: 200, result: { taskId: needTask(), submissionId: r.submissionId, ...(r.refundTx ? { txHash: r.refundTx } : {}) } };
      }
      case 'em_request_info': {
        const p = readEmParams('em_request_info', intent.params);
        if (!p.ok) throw bad(p.error);
        const r = await requestMoreInfo(client, { submissionId: p.value.submissionId, notes: p.value.notes, ...base });
        return { status: 200, result: { taskId: needTask(), submissionId: r.submissionId } };
      }
      case 'em_cancel': {
        const p = readEmParams('em_cancel', intent.params);
        if (!p.ok) throw bad(p.error);
        const r = await cancel(client, { taskId: needTask(), ...(p.value.reason ? { reason: p.value.reason } : {}), ...base });
        return { status: 200, result: { taskId: r.taskId, ...(r.refundTx ? { txHash: r.refundTx } : {}) } };
      }
      case 'em_withdraw': {
        const p = readEmParams('em_withdraw', intent.params);
        if (!p.ok) throw bad(p.error);
        const r = await withdraw(client, { taskId: needTask(), executorId: p.value.executorId, ...(p.value.reason ? { reason: p.value.reason } : {}), ...base });
        return { status: 200, result: { taskId: r.taskId, ...(r.refundTx ? { txHash: r.refundTx } : {}) } };
      }
      case 'em_rate_worker': {
        const p = readEmParams('em_rate_worker', intent.params);
        if (!p.ok) throw bad(p.error);
        const r = await rateWorker(client, { taskId: needTask(), score: p.value.score, ...(p.value.worker ? { workerAddress: p.value.worker } : {}), ...(p.value.comment ? { comment: p.value.comment } : {}), ...(p.value.proofTx ? { proofTx: p.value.proofTx } : {}), ...base });
        return { status: 200, result: { taskId: needTask(), ...(r.txHash ? { txHash: r.txHash } : {}), ...(r.feedbackIndex !== null ? { feedbackId: String(r.feedbackIndex) } : {}) } };
      }
      case 'em_rate_agent': {
        const p = readEmParams('em_rate_agent', intent.params);
        if (!p.ok) throw bad(p.error);
        const r = await rateAgent(client, { taskId: needTask(), score: p.value.score, ...(p.value.agentId !== null ? { agentId: p.value.agentId } : {}), ...(p.value.comment ? { comment: p.value.comment } : {}), ...base });
        return { status: 200, result: { taskId: needTask(), ...(r.txHash ? { txHash: r.txHash } : {}), ...(r.feedbackIndex !== null ? { feedbackId: String(r.feedbackIndex) } : {}) } };
      }
    }
  }

  return {
    kind: 'native',
    market: 'execution-market',
    async execute(intent, ctx) {
      if (intent.market !== 'execution-market' || !EM_SET.has(intent.action)) return localFailure(`the EM executor runs Execution Market actions, not ${intent.market} ${intent.action}`);
      const signer = client.signer;
      if (!signer) return localFailure('no wallet: Execution Market writes are signed');
      if (signer.address.toLowerCase() !== intent.wallet.toLowerCase()) return localFailure(`the intent is for wallet ${intent.wallet}, the client signs as ${signer.address}`);
      try {
        const r = await run(intent, intent.action as EmIntentAction, ctx);
        return { ok: true, ...(r.status !== undefined ? { httpStatus: r.status } : {}), result: r.result };
      } catch (err) {
        return emFailure(err);
      }
    },
  };
}
