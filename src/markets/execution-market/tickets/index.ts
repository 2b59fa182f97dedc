// Every EM ticket by action.
import type { EmIntentAction } from '../../../core/intent.js';
import { approveTicket, assignTicket, cancelTicket, publishTicket, rateWorkerTicket, rejectTicket, requestInfoTicket } from './publisher.js';
import type { EmTicketSpec } from './spec.js';
import { applyTicket, rateAgentTicket, submitTicket, withdrawTicket } from './worker.js';

const ALL: EmTicketSpec[] = [publishTicket, assignTicket, approveTicket, rejectTicket, requestInfoTicket, cancelTicket, rateWorkerTicket, applyTicket, submitTicket, withdrawTicket, rateAgentTicket];
const BY_ACTION = new Map<EmIntentAction, EmTicketSpec>(ALL.map((t) => [t.action, t]));

export function emTicketSpecFor(action: EmIntentAction): EmTicketSpec | null {
  return BY_ACTION.get(action) ?? null;
}

export const EM_TICKETS: readonly EmTicketSpec[] = ALL;
export { evidenceSkeleton } from './worker.js';
export type { EmTicketSpec, EmTicketContext, EmTicketExtras } from './spec.js';
