// The EM event bus: lifecycle code emits named events to rooms; the WebSocket hub (ws.ts) delivers them.
// Event names are the snapshot's WS names (execution-market-api.md §6: TaskCreated, WorkerAssigned, …) plus
// TaskAssignFailed for the webhook-only `task.assign_failed` (§13.1b) and the Payment* family.
export type EmEventName =
  | 'TaskCreated'
  | 'TaskUpdated'
  | 'TaskCancelled'
  | 'TaskExpired'
  | 'TaskCompleted'
  | 'TaskAssignFailed'
  | 'ApplicationReceived'
  | 'WorkerAssigned'
  | 'WorkerWithdrew'
  | 'SubmissionReceived'
  | 'SubmissionApproved'
  | 'SubmissionRejected'
  | 'SubmissionRevisionRequested'
  | 'PaymentEscrowed'
  | 'PaymentReleased'
  | 'PaymentRefunded'
  | 'RatingReceived';

export interface EmEvent {
  id: string;
  name: EmEventName;
  payload: Record<string, unknown>;
  /** Rooms it goes to, e.g. `global`, `task:<uuid>`, `user:<wallet>`, `category:<cat>`. */
  rooms: string[];
  /** Wall-clock ms. */
  at: number;
}

export type EmListener = (e: EmEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EmListener>();

  on(l: EmListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  emit(e: EmEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // a listener's failure must not undo the state change that produced the event
      }
    }
  }
}
