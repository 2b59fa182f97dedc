// The write side: every money-moving or signed Taskmarket action as a method over one client and the
// expected network. Callers (the exec layer, behind the gate) pass typed params with bigint amounts.
import { createTaskmarketClient, type CreateTaskmarketClientOptions, type TaskmarketClient } from './client.js';
import type { ExpectedNetwork } from './network.js';
import { accept, type AcceptParameters } from './actions/accept.js';
import { acceptSubmissions, type AcceptSubmissionsParameters } from './actions/accept-submissions.js';
import { auctionAccept, type AuctionAcceptParameters } from './actions/auction-accept.js';
import { bid, type BidParameters } from './actions/bid.js';
import { cancel, type CancelParameters } from './actions/cancel.js';
import { claim, type ClaimParameters } from './actions/claim.js';
import { createTask, type CreateTaskParameters } from './actions/create-task.js';
import { forfeit, type ForfeitParameters } from './actions/forfeit.js';
import { pitch, type PitchParameters } from './actions/pitch.js';
import { rate, type RateParameters } from './actions/rate.js';
import { refundExpired, type RefundExpiredParameters } from './actions/refund-expired.js';
import { selectWinner, type SelectWinnerParameters } from './actions/select-winner.js';
import { selectWorker, type SelectWorkerParameters } from './actions/select-worker.js';
import { sendEmail, type SendEmailParameters } from './actions/send-email.js';
import { submit, type SubmitParameters } from './actions/submit.js';
import { update, type UpdateParameters } from './actions/update.js';
import type { WriteContext } from './actions/write-common.js';
import { appeal, evaluatorTimeout, rejectSubmission, type RejectSubmissionParameters, type TaskActionParameters } from './actions/simple-paid.js';
import { evaluate, resolveDispute, type EvaluateParameters, type ResolveDisputeParameters } from './actions/evaluate.js';
import { finalizeVerdict, type FinalizeVerdictParameters } from './actions/finalize-verdict.js';
import { submitProof, type SubmitProofParameters } from './actions/submit-proof.js';

export type CreateTaskmarketWriterOptions = ({ client: TaskmarketClient } | CreateTaskmarketClientOptions) & { network: ExpectedNetwork };

export function createTaskmarketWriter(opts: CreateTaskmarketWriterOptions) {
  const client = 'client' in opts ? opts.client : createTaskmarketClient(opts);
  const ctx: WriteContext = { client, network: opts.network };
  return {
    client,
    network: opts.network,
    createTask: (p: CreateTaskParameters) => createTask(ctx, p),
    bid: (p: BidParameters) => bid(ctx, p),
    auctionAccept: (p: AuctionAcceptParameters) => auctionAccept(ctx, p),
    claim: (p: ClaimParameters) => claim(ctx, p),
    pitch: (p: PitchParameters) => pitch(ctx, p),
    selectWorker: (p: SelectWorkerParameters) => selectWorker(ctx, p),
    submit: (p: SubmitParameters) => submit(ctx, p),
    accept: (p: AcceptParameters) => accept(ctx, p),
    acceptSubmissions: (p: AcceptSubmissionsParameters) => acceptSubmissions(ctx, p),
    rate: (p: RateParameters) => rate(ctx, p),
    cancel: (p: CancelParameters) => cancel(ctx, p),
    update: (p: UpdateParameters) => update(ctx, p),
    selectWinner: (p: SelectWinnerParameters) => selectWinner(ctx, p),
    refundExpired: (p: RefundExpiredParameters) => refundExpired(ctx, p),
    forfeit: (p: ForfeitParameters) => forfeit(ctx, p),
    sendEmail: (p: SendEmailParameters) => sendEmail(ctx, p),
    rejectSubmission: (p: RejectSubmissionParameters) => rejectSubmission(ctx, p),
    appeal: (p: TaskActionParameters) => appeal(ctx, p),
    evaluatorTimeout: (p: TaskActionParameters) => evaluatorTimeout(ctx, p),
    evaluate: (p: EvaluateParameters) => evaluate(ctx, p),
    resolveDispute: (p: ResolveDisputeParameters) => resolveDispute(ctx, p),
    finalizeVerdict: (p: FinalizeVerdictParameters) => finalizeVerdict(ctx, p),
    submitProof: (p: SubmitProofParameters) => submitProof(ctx, p),
  };
}
export type TaskmarketWriter = ReturnType<typeof createTaskmarketWriter>;
