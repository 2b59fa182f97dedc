// From a parsed pendingAction command (command-grammar.ts) plus the operator's typed inputs to a native
// writer call — so nothing from the server is ever run as a string (DESIGN invariants). Subcommands the
// writer does not implement are refused with a reason rather than guessed.
import type { Address, Task } from '../../core/types.js';
import type { FlagValue, ParsedCommand } from './command-grammar.js';
import type { AcceptParameters } from './actions/accept.js';
import type { AcceptSubmissionsParameters } from './actions/accept-submissions.js';
import type { AuctionAcceptParameters } from './actions/auction-accept.js';
import type { BidParameters } from './actions/bid.js';
import type { CancelParameters } from './actions/cancel.js';
import type { ClaimParameters } from './actions/claim.js';
import type { ForfeitParameters } from './actions/forfeit.js';
import type { PitchParameters } from './actions/pitch.js';
import type { RateParameters } from './actions/rate.js';
import type { RefundExpiredParameters } from './actions/refund-expired.js';
import type { SelectWinnerParameters } from './actions/select-winner.js';
import type { SelectWorkerParameters } from './actions/select-worker.js';
import type { UpdateParameters } from './actions/update.js';
import type { TaskmarketWriter } from './writer.js';
import type { RejectSubmissionParameters, TaskActionParameters } from './actions/simple-paid.js';
import type { AwardInput, EvaluateParameters, ResolveDisputeParameters } from './actions/evaluate.js';
import type { FinalizeVerdictParameters } from './actions/finalize-verdict.js';
import type { SubmitProofParameters } from './actions/submit-proof.js';

export type NativeCall =
  | { method: 'cancel'; params: CancelParameters }
  | { method: 'refundExpired'; params: RefundExpiredParameters }
  | { method: 'accept'; params: AcceptParameters }
  | { method: 'acceptSubmissions'; params: AcceptSubmissionsParameters }
  | { method: 'bid'; params: BidParameters }
  | { method: 'auctionAccept'; params: AuctionAcceptParameters }
  | { method: 'claim'; params: ClaimParameters }
  | { method: 'pitch'; params: PitchParameters }
  | { method: 'selectWorker'; params: SelectWorkerParameters }
  | { method: 'rate'; params: RateParameters }
  | { method: 'selectWinner'; params: SelectWinnerParameters }
  | { method: 'forfeit'; params: ForfeitParameters }
  | { method: 'update'; params: UpdateParameters }
  | { method: 'rejectSubmission'; params: RejectSubmissionParameters }
  | { method: 'appeal'; params: TaskActionParameters }
  | { method: 'evaluatorTimeout'; params: TaskActionParameters }
  | { method: 'finalizeVerdict'; params: FinalizeVerdictParameters }
  | { method: 'evaluate'; params: EvaluateParameters }
  | { method: 'resolveDispute'; params: ResolveDisputeParameters }
  | { method: 'submitProof'; params: SubmitProofParameters };

export type NativeCallResult = { ok: true; call: NativeCall } | { ok: false; reason: string };

/** Operator-supplied values for the parsed command's needsInput fields, keyed the same way ("worker", "winner[0]"). */
export type CommandInputs = Record<string, FlagValue>;

/** Resolve `parsed` + `inputs` against the task it came from into one typed writer call. Never throws. */
export function nativeCallFor(parsed: ParsedCommand, task: Task, inputs: CommandInputs = {}): NativeCallResult {
  if (parsed.taskId !== task.id) return { ok: false, reason: 'the command names a different task' };
  const missing = parsed.needsInput.filter((k) => !inputs[k] || inputs[k].kind === 'input');
  if (missing.length > 0) return { ok: false, reason: `needs input: ${missing.join(', ')}` };
  const value = (key: string): FlagValue | undefined => {
    const v = parsed.flags[key];
    if (Array.isArray(v)) return undefined;
    return v?.kind === 'input' ? inputs[key] : v;
  };
  const list = (key: string): FlagValue[] => {
    const v = parsed.flags[key];
    return Array.isArray(v) ? v.map((x, i) => (x.kind === 'input' ? (inputs[`${key}[${i}]`] ?? x) : x)) : [];
  };
  const address = (key: string): Address | null => {
    const v = value(key);
    return v?.kind === 'address' ? v.value : null;
  };
  const usdc = (key: string): bigint | null => {
    const v = value(key);
    return v?.kind === 'usdc' ? v.value : null;
  };
  const int = (key: string): number | null => {
    const v = value(key);
    return v?.kind === 'int' ? v.value : null;
  };
  const text = (key: string): string | null => {
    const v = value(key);
    return v?.kind === 'text' ? v.value : null;
  };
  const taskId = task.id;
  const need = (what: string): NativeCallResult => ({ ok: false, reason: `missing or mistyped ${what}` });

  switch (parsed.subcommand) {
    case 'cancel':
      return { ok: true, call: { method: 'cancel', params: { taskId } } };
    case 'refund-expired':
      return { ok: true, call: { method: 'refundExpired', params: { taskId } } };
    case 'claim':
      return { ok: true, call: { method: 'claim', params: { taskId } } };
    case 'select-winner':
      return { ok: true, call: { method: 'selectWinner', params: { taskId } } };
    case 'forfeit':
      return { ok: true, call: { method: 'forfeit', params: { taskId } } };
    case 'accept': {
      const worker = address('worker');
      return worker ? { ok: true, call: { method: 'accept', params: { taskId, worker } } } : need('--worker');
    }
    case 'bid': {
      const price = usdc('price');
      return price !== null ? { ok: true, call: { method: 'bid', params: { taskId, price } } } : need('--price');
    }
    case 'auction-accept': {
      const minPrice = usdc('minPrice');
      return { ok: true, call: { method: 'auctionAccept', params: minPrice === null ? { taskId } : { taskId, minPrice } } };
    }
    case 'pitch': {
      const t = text('text');
      const duration = int('duration');
      if (!t) return need('--text');
      return { ok: true, call: { method: 'pitch', params: duration === null ? { taskId, text: t } : { taskId, text: t, durationHours: duration } } };
    }
    case 'select-worker': {
      const pitchId = text('pitch');
      const worker = address('worker');
      return pitchId && worker ? { ok: true, call: { method: 'selectWorker', params: { taskId, pitchId, worker } } } : need('--pitch/--worker');
    }
    case 'rate': {
      const worker = address('worker');
      const rating = int('rating');
      const feedback = text('feedback');
      if (!worker || rating === null) return need('--worker/--rating');
      return { ok: true, call: { method: 'rate', params: feedback === null ? { taskId, worker, rating } : { taskId, worker, rating, feedbackText: feedback } } };
    }
    case 'accept-submissions': {
      const winners = list('winner');
      if (winners.length === 0 || winners.some((w) => w.kind !== 'winner')) return need('--winner');
      const params = winners.map((w) =>
        w.kind === 'winner' ? (w.submissionId ? { worker: w.worker, shareBps: w.shareBps, submissionId: w.submissionId } : { worker: w.worker, shareBps: w.shareBps }) : null,
      );
      return { ok: true, call: { method: 'acceptSubmissions', params: { taskId, winners: params.filter((w) => w !== null) } } };
    }
    case 'update': {
      const extend = int('extendExpiry');
      const reward = usdc('reward');
      // `update --extend-expiry` sends current expiry + delta as absolute seconds (cli §4.2); we carry ms.
      const params: UpdateParameters = { taskId, currentReward: task.reward };
      if (extend !== null) params.expiryTime = task.expiryTime + extend * 1000;
      if (reward !== null) params.reward = reward;
      if (extend === null && reward === null) return need('--extend-expiry or --reward');
      return { ok: true, call: { method: 'update', params } };
    }
    case 'reject-submission': {
      const worker = address('worker');
      return worker ? { ok: true, call: { method: 'rejectSubmission', params: { taskId, worker } } } : need('--worker');
    }
    case 'appeal':
      return { ok: true, call: { method: 'appeal', params: { taskId } } };
    case 'evaluator-timeout':
      return { ok: true, call: { method: 'evaluatorTimeout', params: { taskId } } };
    case 'finalize-verdict':
      return { ok: true, call: { method: 'finalizeVerdict', params: { taskId } } };
    case 'evaluate':
    case 'resolve-dispute': {
      const verdict = text('verdict');
      const awards = list('award');
      if (!verdict || awards.some((a) => a.kind !== 'award')) return need('--verdict/--award');
      const typed: AwardInput[] = awards.flatMap((a) => (a.kind === 'award' ? [{ worker: a.worker, amount: a.amount, rank: a.rank }] : []));
      if (parsed.subcommand === 'resolve-dispute') {
        if (verdict !== 'approve' && verdict !== 'partial') return need('--verdict');
        return { ok: true, call: { method: 'resolveDispute', params: { taskId, verdict, awards: typed } } };
      }
      if (verdict !== 'approve' && verdict !== 'reject' && verdict !== 'partial') return need('--verdict');
      const params: EvaluateParameters = { taskId, verdict, awards: typed };
      const score = int('score');
      const confidence = int('confidence');
      const evidence = text('evidenceHash');
      if (score !== null) params.score = score;
      if (confidence !== null) params.confidence = confidence;
      if (evidence !== null) params.evidenceHash = evidence as `0x${string}`;
      return { ok: true, call: { method: 'evaluate', params } };
    }
    case 'proof': {
      const data = text('data');
      const type = text('type');
      const metric = text('metric');
      if (!data || !type) return need('--data/--type');
      return { ok: true, call: { method: 'submitProof', params: metric === null ? { taskId, proofData: data, proofType: type } : { taskId, proofData: data, proofType: type, metricValue: metric } } };
    }
    case 'submit':
      return { ok: false, reason: 'submit uploads files the operator chooses; call the writer\'s submit with them' };
  }
}

/** Perform a resolved call on a writer (behind the gate; the writer still checks every x402 challenge). */
export function runNativeCall(writer: TaskmarketWriter, call: NativeCall): Promise<unknown> {
  switch (call.method) {
    case 'cancel':
      return writer.cancel(call.params);
    case 'refundExpired':
      return writer.refundExpired(call.params);
    case 'accept':
      return writer.accept(call.params);
    case 'acceptSubmissions':
      return writer.acceptSubmissions(call.params);
    case 'bid':
      return writer.bid(call.params);
    case 'auctionAccept':
      return writer.auctionAccept(call.params);
    case 'claim':
      return writer.claim(call.params);
    case 'pitch':
      return writer.pitch(call.params);
    case 'selectWorker':
      return writer.selectWorker(call.params);
    case 'rate':
      return writer.rate(call.params);
    case 'selectWinner':
      return writer.selectWinner(call.params);
    case 'forfeit':
      return writer.forfeit(call.params);
    case 'update':
      return writer.update(call.params);
    case 'rejectSubmission':
      return writer.rejectSubmission(call.params);
    case 'appeal':
      return writer.appeal(call.params);
    case 'evaluatorTimeout':
      return writer.evaluatorTimeout(call.params);
    case 'finalizeVerdict':
      return writer.finalizeVerdict(call.params);
    case 'evaluate':
      return writer.evaluate(call.params);
    case 'resolveDispute':
      return writer.resolveDispute(call.params);
    case 'submitProof':
      return writer.submitProof(call.params);
  }
}
