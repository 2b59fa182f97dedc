// An order ticket's definition, pure and Ink-free: the inputs an action needs (with defaults from the
// task), the backend's own validation of them, and the Intent they become. The desk's ticket dialog
// (src/ui/tickets/) draws the fields and the gate; executors (src/exec/) perform the Intent.
import type { Intent, IntentAction } from '../../../core/intent.js';
import type { Address, Bid, Pitch, Submission, Task } from '../../../core/types.js';

export type FieldKind = 'usdc' | 'int' | 'text' | 'address' | 'choice' | 'files' | 'hours';

export interface FieldChoice {
  value: string;
  label: string;
}

export interface TicketField {
  key: string;
  label: string;
  kind: FieldKind;
  /** The text the field starts with (the operator edits it). */
  initial: string;
  required: boolean;
  choices?: FieldChoice[];
  /** One line under the field: the rule it must meet, the rubric, the default's reason. */
  hint?: string;
}

export interface TicketContext {
  /** The task as last fetched (with pendingActions); null for create/wallet tickets. */
  task: Task | null;
  bids: readonly Bid[];
  submissions: readonly Submission[];
  pitches: readonly Pitch[];
  wallet: Address;
  /** Fleet agent name when acting as one. */
  agent: string | null;
  /** Market time (ms). */
  now: number;
  balance: bigint | null;
  /** Registered withdrawal address (undefined: not fetched). */
  withdrawalAddress?: string | null;
  /** How far ahead the default auction-accept guard looks on a falling clock (ms). */
  guardLeadMs: number;
}

export type Values = Readonly<Record<string, string>>;
export type BuildResult = { ok: true; intent: Intent } | { ok: false; errors: Record<string, string> };

export interface EffectLine {
  label: string;
  value: string;
  tone?: 'warning' | 'negative' | 'positive';
}

export interface TicketSpec {
  action: IntentAction;
  /** What the ticket is called: "Bid", "Accept the clock", … */
  title: string;
  fields(ctx: TicketContext): TicketField[];
  /** Validate the typed values by the backend's rules and build the Intent; errors name the field. */
  build(ctx: TicketContext, values: Values): BuildResult;
  /** Extra typed lines for the effect section (the ticket shows the common ones itself). */
  effect?(ctx: TicketContext, intent: Intent): EffectLine[];
}
