// Every Taskmarket ticket by action. evaluate / resolve_dispute (evaluator and dispute-resolver roles)
// are not ticketed yet: the desk shows them as actions and says so.
import type { IntentAction } from '../../../core/intent.js';
import { createTaskTicket } from './create-task.js';
import {
  acceptSubmissionsTicket,
  acceptTicket,
  cancelTicket,
  evaluatorTimeoutTicket,
  finalizeVerdictTicket,
  forfeitTicket,
  rateTicket,
  refundExpiredTicket,
  rejectSubmissionTicket,
  selectWinnerTicket,
  selectWorkerTicket,
  updateTicket,
} from './requester.js';
import type { TicketSpec } from './spec.js';
import { setWithdrawalAddressTicket, withdrawTicket } from './wallet.js';
import { appealTicket, auctionAcceptTicket, bidTicket, claimTicket, pitchTicket, proofTicket, submitTicket } from './worker.js';

const ALL: TicketSpec[] = [
  bidTicket,
  auctionAcceptTicket,
  claimTicket,
  pitchTicket,
  submitTicket,
  proofTicket,
  appealTicket,
  acceptTicket,
  acceptSubmissionsTicket,
  rejectSubmissionTicket,
  rateTicket,
  selectWorkerTicket,
  selectWinnerTicket,
  cancelTicket,
  refundExpiredTicket,
  forfeitTicket,
  evaluatorTimeoutTicket,
  finalizeVerdictTicket,
  updateTicket,
  createTaskTicket,
  setWithdrawalAddressTicket,
  withdrawTicket,
];

const BY_ACTION = new Map<IntentAction, TicketSpec>(ALL.map((t) => [t.action, t]));

export function ticketSpecFor(action: IntentAction): TicketSpec | null {
  return BY_ACTION.get(action) ?? null;
}

export type { TicketSpec, TicketContext, TicketField, Values, EffectLine } from './spec.js';
export { defaultGuard } from './worker.js';
export { RATING_RUBRIC } from './requester.js';
