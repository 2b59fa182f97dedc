// The operator's approval, the read-only switch, and the stops raised earlier in the session:
// an on-chain rejection is never retried, and API/chain disagreement after one re-fetch halts.
import { confirmation } from '../confirm.js';
import type { GateInput } from '../gate-input.js';
import { contractErrorHint, contractErrorName } from './contract-errors.js';
import { safeText } from './format.js';
import { fail, pass, type Verdict } from './verdict.js';

export function approvalCheck(i: GateInput): Verdict {
  const c = confirmation(i.intent);
  if (!i.approved) return fail(c.kind === 'typed' ? `type ${c.phrase} to confirm` : 'press y to confirm');
  return pass(c.kind === 'typed' ? `confirmed: ${c.phrase} typed` : 'confirmed: y pressed');
}

export function readonlyCheck(i: GateInput): Verdict {
  return i.readonly ? fail('read-only session: no action may run') : pass('read-write session');
}

export function contractRejectedCheck(i: GateInput): Verdict {
  const stop = i.stops.contractRejected;
  if (stop === null) return pass('no on-chain rejection for this action');
  const name = contractErrorName(stop);
  const hint = name !== null ? contractErrorHint(name) : undefined;
  return fail(`Contract call rejected: ${name ?? 'unknown error'} earlier${hint ? ` (${hint})` : ''} — not retried; re-fetched state shown`);
}

export function stateDisagreesCheck(i: GateInput): Verdict {
  const stop = i.stops.stateDisagrees;
  if (stop === null) return pass('API and chain state agree');
  return fail(`API and chain state disagree after one re-fetch: ${safeText(stop, 200)}; stopped`);
}
