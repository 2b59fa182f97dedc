// `--executor native` (the default): the Intent's typed params → one writer call, x402 included, carrying the
// journaled idempotency key. The params (core/intent-params.ts) are the source of truth; the task is only
// read for what the request derives from it (update's current reward and expiry). Submit reads the local
// files itself: size-capped, MIME type from the extension as CLI 1.13.0 does it.
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, isAbsolute } from 'node:path';
import type { Intent } from '../core/intent.js';
import type { Task } from '../core/types.js';
import { setWithdrawalAddress } from '../markets/taskmarket/actions/set-withdrawal-address.js';
import type { SubmitFile } from '../markets/taskmarket/actions/submit.js';
import type { UpdateParameters } from '../markets/taskmarket/actions/update.js';
import { withdraw } from '../markets/taskmarket/actions/withdraw.js';
import type { TaskmarketWriter } from '../markets/taskmarket/writer.js';
import { MAX_SUBMIT_FILE_BYTES } from '../markets/taskmarket/tickets/fields.js';
import { failureFrom, LocalRefusal, type ExecContext, type ExecOutcome, type ExecResult, type Executor } from './executor.js';
import { isParamAction, parseAward, parseWinner, readParams } from './params-read.js';


/** The simulator's upload cap and the ticket's (the desk holds each file in memory to upload it). */
export const DEFAULT_MAX_FILE_BYTES = MAX_SUBMIT_FILE_BYTES;
export const MAX_SUBMIT_FILES = 20;

export interface NativeExecutorOptions {
  writer: TaskmarketWriter;
  /** Per file, default 32 MiB. */
  maxFileBytes?: number;
}

/** `taskmarket task submit`'s mimeTypeForPath (CLI 1.13.0), so both executors upload the same bytes the same way. */
export function mimeTypeFor(path: string): string {
  const types: Record<string, string> = {
    '.png': 'image/png',
    '.jpg': 'image/jpeg',
    '.jpeg': 'image/jpeg',
    '.webp': 'image/webp',
    '.gif': 'image/gif',
    '.svg': 'image/svg+xml',
    '.pdf': 'application/pdf',
    '.mp4': 'video/mp4',
    '.webm': 'video/webm',
    '.mp3': 'audio/mpeg',
    '.wav': 'audio/wav',
    '.md': 'text/markdown',
    '.txt': 'text/plain',
    '.json': 'application/json',
    '.zip': 'application/zip',
  };
  return types[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Read the ticket's files: absolute, regular, non-empty, under the cap. Nothing is sent if one fails. */
export async function readSubmitFiles(paths: readonly string[], maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<SubmitFile[]> {
  if (paths.length === 0) throw new LocalRefusal('submit needs at least one file');
  if (paths.length > MAX_SUBMIT_FILES) throw new LocalRefusal(`at most ${MAX_SUBMIT_FILES} files per submit`);
  const out: SubmitFile[] = [];
  for (const path of paths) {
    const shown = JSON.stringify(path.slice(0, 200));
    if (!isAbsolute(path)) throw new LocalRefusal(`file ${shown} is not an absolute path`);
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) throw new LocalRefusal(`file ${shown} is not a readable file`);
    if (s.size === 0) throw new LocalRefusal(`file ${shown} is empty`);
    if (s.size > maxBytes) throw new LocalRefusal(`file ${shown} is ${s.size} bytes; the limit is ${maxBytes}`);
    const data = await readFile(path).catch(() => null);
    if (!data) throw new LocalRefusal(`file ${shown} could not be read`);
    if (data.byteLength > maxBytes) throw new LocalRefusal(`file ${shown} grew past ${maxBytes} bytes while being read`);
    out.push({ fileName: basename(path), mimeType: mimeTypeFor(path), data: new Uint8Array(data) });
  }
  return out;
}

function needTask(ctx: ExecContext, intent: Intent, what: string): Task {
  const t = ctx.task;
  if (!t) throw new LocalRefusal(`${intent.action} needs the task as fetched for the ticket (${what})`);
  if (t.id !== intent.taskId) throw new LocalRefusal('the task given to the executor is not the intent\'s task');
  return t;
}

function taskIdOf(intent: Intent): string {
  if (!intent.taskId) throw new LocalRefusal(`${intent.action} needs a task id`);
  return intent.taskId;
}

/** Intent → writer call → the ids it returned. Throws (MarketError, LocalRefusal); execute() maps that. */
async function perform(o: NativeExecutorOptions, intent: Intent, ctx: ExecContext): Promise<Extract<ExecOutcome, { ok: true }>> {
  const w = o.writer;
  const action = intent.action;
  if (intent.market !== 'taskmarket' || !isParamAction(action)) throw new LocalRefusal(`the native Taskmarket executor does not perform ${action}`);
  const base = { idempotencyKey: ctx.idempotencyKey, ...(ctx.signal ? { signal: ctx.signal } : {}) };
  const ok = (result: ExecResult): Extract<ExecOutcome, { ok: true }> => ({ ok: true, result });
  const tx = (txHash: string | null): ExecResult => (txHash ? { txHash } : {});

  switch (action) {
    case 'create_task': {
      const p = readParams('create_task', intent.params);
      if (p.maxPrice !== null && p.maxPrice !== p.reward) throw new LocalRefusal('maxPrice must equal reward for auction mode');
      if (p.mode !== 'auction' && (p.auctionType !== null || p.bidDeadlineHours !== null)) throw new LocalRefusal('auction options need mode auction');
      const r = await w.createTask({
        ...base,
        description: p.description,
        reward: p.reward,
        durationHours: p.durationHours,
        mode: p.mode,
        tags: [...p.tags],
        ...(p.auctionType ? { auctionType: p.auctionType } : {}),
        ...(p.auctionStartPrice !== null ? { auctionStartPrice: p.auctionStartPrice } : {}),
        ...(p.auctionFloorPrice !== null ? { auctionFloorPrice: p.auctionFloorPrice } : {}),
        ...(p.bidDeadlineHours !== null ? { bidDeadlineHours: p.bidDeadlineHours } : {}),
        ...(p.pitchDeadlineHours !== null ? { pitchDeadlineHours: p.pitchDeadlineHours } : {}),
        ...(p.metricDescription !== null ? { metricDescription: p.metricDescription } : {}),
        ...(p.metricTarget !== null ? { metricTarget: p.metricTarget } : {}),
      });
      return ok({ taskId: r.taskId });
    }
    case 'withdraw': {
      const p = readParams('withdraw', intent.params);
      const r = await withdraw({ client: w.client, network: w.network }, { ...base, amount: p.amount, to: p.to, ...(ctx.issuedAt !== undefined ? { issuedAt: ctx.issuedAt } : {}) });
      return ok(tx(r.txHash));
    }
    case 'set_withdrawal_address': {
      const p = readParams('set_withdrawal_address', intent.params);
      const r = await setWithdrawalAddress({ client: w.client, network: w.network }, { ...base, address: p.address });
      return { ok: true, result: {}, ...(r.accountRecoveryCode ? { oneTime: { accountRecoveryCode: r.accountRecoveryCode } } : {}) };
    }
    default:
      break;
  }

  const taskId = taskIdOf(intent);
  const t = { ...base, taskId };
  switch (action) {
    case 'bid':
      return ok({ bidId: (await w.bid({ ...t, price: readParams('bid', intent.params).price })).bidId });
    case 'auction_accept': {
      const { minPrice } = readParams('auction_accept', intent.params);
      const r = await w.auctionAccept(minPrice === null ? t : { ...t, minPrice });
      return ok({ acceptedPrice: r.acceptedPrice, workerAddress: r.workerAddress });
    }
    case 'claim':
      return ok({ claimId: (await w.claim(t)).claimId });
    case 'pitch': {
      const p = readParams('pitch', intent.params);
      return ok({ pitchId: (await w.pitch({ ...t, text: p.text, ...(p.durationHours !== null ? { durationHours: p.durationHours } : {}) })).pitchId });
    }
    case 'submit': {
      const p = readParams('submit', intent.params);
      const files = await readSubmitFiles(p.files, o.maxFileBytes);
      // Pay only what the operator approved: a fee of 0 means the server must not ask (the payer refuses otherwise).
      const r = await w.submit({ ...t, files, ...(p.role ? { role: p.role } : {}), expectedAmount: intent.fee });
      return ok({ submissionId: r.submissionId });
    }
    case 'submit_proof': {
      const p = readParams('submit_proof', intent.params);
      const r = await w.submitProof({ ...t, proofData: p.data, proofType: p.type, ...(p.metric !== null ? { metricValue: p.metric } : {}) });
      return ok(r.submissionId ? { submissionId: r.submissionId } : {});
    }
    case 'select_worker': {
      const p = readParams('select_worker', intent.params);
      await w.selectWorker({ ...t, pitchId: p.pitchId, worker: p.worker });
      return ok({ workerAddress: p.worker });
    }
    case 'select_winner':
      return ok({ workerAddress: (await w.selectWinner(t)).workerAddress });
    case 'accept':
      await w.accept({ ...t, worker: readParams('accept', intent.params).worker });
      return ok({});
    case 'accept_submissions': {
      const winners = readParams('accept_submissions', intent.params).winners.map(parseWinner);
      await w.acceptSubmissions({ ...t, winners: winners.map((x) => (x.submissionId ? { worker: x.worker, shareBps: x.shareBps, submissionId: x.submissionId } : { worker: x.worker, shareBps: x.shareBps })) });
      return ok({});
    }
    case 'reject_submission':
      return ok(tx((await w.rejectSubmission({ ...t, worker: readParams('reject_submission', intent.params).worker })).txHash));
    case 'rate': {
      const p = readParams('rate', intent.params);
      const r = await w.rate({ ...t, worker: p.worker, rating: p.rating, ...(p.feedback ? { feedbackText: p.feedback } : {}) });
      return ok({ feedbackId: r.feedbackId });
    }
    case 'cancel':
      return ok(tx((await w.cancel(t)).txHash));
    case 'update': {
      const p = readParams('update', intent.params);
      const task = needTask(ctx, intent, 'its current reward and expiry');
      const params: UpdateParameters = { ...t, currentReward: task.reward };
      if (p.reward !== null) params.reward = p.reward;
      // `update --extend-expiry` sends the current expiry + delta as absolute seconds (cli §4.2).
      if (p.extendExpirySeconds !== null) params.expiryTime = task.expiryTime + p.extendExpirySeconds * 1000;
      if (p.bidDeadline !== null) params.bidDeadline = p.bidDeadline;
      if (p.pitchDeadline !== null) params.pitchDeadline = p.pitchDeadline;
      if (p.reward === null && p.extendExpirySeconds === null && p.bidDeadline === null && p.pitchDeadline === null) throw new LocalRefusal('update changes nothing');
      await w.update(params);
      return ok({});
    }
    case 'refund_expired':
      return ok(tx((await w.refundExpired(t)).txHash));
    case 'forfeit':
      return ok(tx((await w.forfeit(t)).txHash));
    case 'appeal':
      return ok(tx((await w.appeal(t)).txHash));
    case 'evaluator_timeout':
      return ok(tx((await w.evaluatorTimeout(t)).txHash));
    case 'finalize_verdict':
      return ok(tx((await w.finalizeVerdict(t)).txHash));
    case 'evaluate': {
      const p = readParams('evaluate', intent.params);
      const r = await w.evaluate({ ...t, verdict: p.verdict, awards: p.awards.map(parseAward), ...(p.score !== null ? { score: p.score } : {}) });
      return ok(tx(r.txHash));
    }
    case 'resolve_dispute': {
      const p = readParams('resolve_dispute', intent.params);
      return ok(tx((await w.resolveDispute({ ...t, verdict: p.verdict, awards: p.awards.map(parseAward) })).txHash));
    }
  }
  throw new LocalRefusal(`the native Taskmarket executor does not perform ${action}`);
}

export function createNativeExecutor(opts: NativeExecutorOptions): Executor {
  return {
    kind: 'native',
    async execute(intent, ctx) {
      try {
        return await perform(opts, intent, ctx);
      } catch (err) {
        return failureFrom(err);
      }
    },
  };
}
