// The operator guide's Completion Report (seed 003 "Completion Report") built from one action's journal
// records. Pure: the desk shows it when an action completes, `taskdesk journal report` prints it.
// Values are raw journal text; formatCompletionReport (and the UI) pass every one through the sanitiser.
import { formatUsdc } from '../core/money.js';
import { sanitize } from '../core/text/sanitize.js';
import { isDefiniteRefusal, outcomeLabel, type JournalAction } from './journal-actions.js';
import type { IntentRecord, Observation, ResponseResult } from './journal-schema.js';

export interface ReportField {
  label: string;
  value: string;
}

export interface CompletionReport {
  actionId: string;
  idempotencyKey: string | null;
  outcome: string;
  /** In the guide's order: Task ID … Verification. */
  fields: ReportField[];
  /** Expiry, storage, network, auction-price drift, and what else the operator must know. */
  caveats: string[];
}

const RESULT_KEYS: (keyof ResponseResult)[] = ['txHash', 'taskId', 'submissionId', 'bidId', 'claimId', 'pitchId', 'feedbackId', 'intentId', 'workerAddress'];

const usdc = (v: bigint): string => `${formatUsdc(v)} USDC`;
const signed = (v: bigint): string => (v >= 0n ? `+${formatUsdc(v)}` : formatUsdc(v));

function stringParam(intent: IntentRecord, ...names: string[]): string | string[] | null {
  for (const n of names) {
    const v = intent.params[n];
    if (typeof v === 'string' || Array.isArray(v)) return v;
  }
  return null;
}

function baseUnitsParam(intent: IntentRecord, name: string): bigint | null {
  const v = intent.params[name];
  return typeof v === 'string' && /^(0|[1-9][0-9]{0,77})$/.test(v) ? BigInt(v) : null;
}

function modeAndAction(a: JournalAction, intent: IntentRecord): string {
  const mode = intent.mode ? `${intent.mode}${intent.auctionType ? ` (${intent.auctionType})` : ''}` : 'no task mode';
  const parts = [`${mode}: ${intent.action} as ${intent.role}`, `${intent.executor} executor`];
  if (a.approved) parts.push(a.approved.confirmation === 'typed' ? `confirmed by typing "${a.approved.phrase}"` : 'confirmed by key press');
  else parts.push('no approval recorded');
  parts.push(`${a.sent.length} attempt${a.sent.length === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function amounts(intent: IntentRecord): string {
  const parts: string[] = [];
  if (intent.amount !== null) parts.push(`amount ${usdc(intent.amount)}`);
  parts.push(`fee ${usdc(intent.fee)}`, `up to ${usdc(intent.spend)} leaves the wallet`);
  if (intent.payee) parts.push(`payee ${intent.payee}`);
  if (intent.score !== null) parts.push(`score ${intent.score}`);
  return parts.join(', ');
}

function submitted(intent: IntentRecord): string {
  const files = stringParam(intent, 'files', 'file');
  if (files !== null) {
    const list = Array.isArray(files) ? files : [files];
    return `${list.length} file${list.length === 1 ? '' : 's'}: ${list.join(', ')}`;
  }
  if (intent.action === 'submit_proof') {
    const data = stringParam(intent, 'data');
    const type = stringParam(intent, 'type', 'proofType');
    const text = typeof data === 'string' ? data : '';
    const head = text.length > 48 ? `${text.slice(0, 47)}…` : text;
    return `proof${typeof type === 'string' ? ` of type ${type}` : ''}, ${text.length} characters: ${head}`;
  }
  const pitch = stringParam(intent, 'text');
  if (intent.action === 'pitch' && typeof pitch === 'string') return `pitch text, ${pitch.length} characters`;
  return 'none (this action submits no file or proof)';
}

function returned(a: JournalAction): string {
  const ok = [...a.responses].reverse().find((r) => r.ok);
  const parts: string[] = [];
  if (ok?.result) {
    for (const k of RESULT_KEYS) if (ok.result[k] !== undefined) parts.push(`${k} ${String(ok.result[k])}`);
    if (ok.result.acceptedPrice !== undefined) parts.push(`acceptedPrice ${usdc(ok.result.acceptedPrice)}`);
  }
  if (parts.length > 0) return parts.join(', ');
  if (ok) return 'none returned (the market answered ok without an id)';
  if (a.reconciled) return `none recorded (reconciled ${a.reconciled.outcome} via ${a.reconciled.how})`;
  return 'none (no successful response)';
}

function observation(o: Observation): string {
  const parts: string[] = [];
  if (o.status !== undefined) parts.push(`status ${o.status}`);
  for (const [k, v] of Object.entries(o.countDelta ?? {})) parts.push(`${k} ${v >= 0 ? '+' : ''}${v}`);
  if (o.ownerField !== undefined || o.owner !== undefined) parts.push(`${o.ownerField ?? 'owner'} ${o.owner ?? 'none'}`);
  if (o.balanceDelta !== undefined) parts.push(`balance ${signed(o.balanceDelta)}`);
  if (o.returnedId !== undefined) parts.push(`id ${o.returnedId}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

function verification(a: JournalAction): string {
  const v = a.verification;
  if (v?.step === 'verified') return `verified: ${observation(v.observed)}${v.note ? ` (${v.note})` : ''}`;
  if (v?.step === 'mismatch') return `MISMATCH: expected ${observation(v.expected)}; observed ${observation(v.observed)}${v.note ? ` (${v.note})` : ''}`;
  if (a.reconciled) return `reconciled after a restart via ${a.reconciled.how}: ${a.reconciled.outcome}${a.reconciled.note ? ` (${a.reconciled.note})` : ''}`;
  const last = a.responses.at(-1);
  if (last && isDefiniteRefusal(last)) return 'not applicable: the market refused the action, nothing changed';
  return 'not verified yet';
}

/** Signed change and percentage (two decimals) from `from` to `to`, bigint-exact. */
function drift(from: bigint, to: bigint): string {
  const delta = to - from;
  if (from === 0n) return signed(delta);
  const bps = (delta * 1_000_000n) / from; // hundredths of a percent × 100
  const neg = bps < 0n;
  const abs = neg ? -bps : bps;
  const pct = `${neg ? '-' : '+'}${abs / 10_000n}.${(abs % 10_000n / 100n).toString().padStart(2, '0')}%`;
  return `${signed(delta)}, ${pct}`;
}

function isLoopback(url: string): boolean {
  try {
    const h = new URL(url).hostname;
    return h === '127.0.0.1' || h === 'localhost' || h === '[::1]';
  } catch {
    return false;
  }
}

function caveats(a: JournalAction, intent: IntentRecord): string[] {
  const out: string[] = [];
  const ok = [...a.responses].reverse().find((r) => r.ok);
  const accepted = ok?.result?.acceptedPrice;
  if (accepted !== undefined) {
    const guard = baseUnitsParam(intent, 'minPrice') ?? (intent.action === 'auction_accept' ? intent.amount : null);
    const shown = intent.shownPrice ?? guard;
    if (shown !== undefined && shown !== null && shown !== accepted) {
      out.push(`auction-price drift: ${formatUsdc(shown)} shown at approval, ${formatUsdc(accepted)} accepted (${drift(shown, accepted)})`);
    } else if (shown !== undefined && shown !== null) out.push(`auction price: accepted at the ${formatUsdc(accepted)} shown at approval, no drift`);
    if (guard !== null && accepted < guard) out.push(`accepted price ${formatUsdc(accepted)} is below the guard ${formatUsdc(guard)}: the market did not honour --min-price; report it`);
  }
  if (intent.taskExpiresAt) {
    const left = Date.parse(intent.taskExpiresAt) - Date.parse(a.lastAt);
    out.push(left <= 0 ? `expiry: the task expired at ${intent.taskExpiresAt}, before the last step` : `expiry: the task expires at ${intent.taskExpiresAt} (${Math.floor(left / 60_000)} min after the last step)`);
  }
  if (intent.action === 'submit' || intent.action === 'em_submit') {
    const id = ok?.result?.submissionId;
    out.push(id ? `storage: submission ${id} recorded by the market` : 'storage: no submission recorded; the guide says stop after one retry of a failed upload');
  }
  if (isLoopback(intent.apiUrl)) out.push(`network: the local simulator at ${intent.apiUrl}; no real funds moved`);
  else if (intent.network.chainId === 8453) out.push('network: Base mainnet; real USDC');
  const last = a.responses.at(-1);
  if (last?.error?.contractError) out.push(`on-chain rejection ${last.error.contractError}: do not retry; re-fetch the task and re-check pendingActions`);
  else if (last && !last.ok) out.push(`last response failed (${last.error?.kind ?? 'error'}${last.httpStatus ? ` ${last.httpStatus}` : ''}): ${last.error?.message ?? ''}`);
  if (a.sent.length > 1) out.push(`sent ${a.sent.length} times, every time with idempotency key ${intent.idempotencyKey}`);
  if (a.verification?.step === 'mismatch') out.push('state disagrees after the re-fetch: stop and report (guide Stop Conditions)');
  const warned = a.approved?.checks.filter((c) => c.status === 'warn' || c.status === 'fail').map((c) => `${c.id} ${c.status}`) ?? [];
  if (warned.length > 0) out.push(`gate at approval: ${warned.join(', ')}`);
  if (!a.resolved) out.push('no outcome recorded: it is reconciled against the market on the next start, before it can be offered again');
  if (a.others.length > 0) out.push(`${a.others.length} record(s) of steps this version does not read: ${[...new Set(a.others.map((o) => o.step))].join(', ')}`);
  return out;
}

/** The completion report of one action. */
export function completionReport(a: JournalAction): CompletionReport {
  const intent = a.intent;
  if (!intent) {
    return {
      actionId: a.actionId,
      idempotencyKey: null,
      outcome: outcomeLabel(a),
      fields: [{ label: 'Task ID', value: a.records[0]?.taskId ?? 'unknown' }],
      caveats: ['the journal holds no readable intent for this action: its steps cannot be checked'],
    };
  }
  const created = [...a.responses].reverse().find((r) => r.ok && r.result?.taskId)?.result?.taskId;
  const taskId = intent.taskId ?? (created ? `${created} (created)` : 'none (not a task action)');
  return {
    actionId: a.actionId,
    idempotencyKey: intent.idempotencyKey,
    outcome: outcomeLabel(a),
    fields: [
      { label: 'Task ID', value: taskId },
      { label: 'Network and API URL', value: `${intent.network.name} (chain ${intent.network.chainId}), ${intent.apiUrl}` },
      { label: 'Wallet', value: `${intent.wallet}${intent.agent ? ` (agent ${intent.agent})` : ''}` },
      { label: 'Mode and action taken', value: modeAndAction(a, intent) },
      { label: 'Amounts', value: amounts(intent) },
      { label: 'Submitted file or proof', value: submitted(intent) },
      { label: 'Returned ID or tx hash', value: returned(a) },
      { label: 'Verification', value: verification(a) },
    ],
    caveats: caveats(a, intent),
  };
}

/** The report as plain text lines; every value through the sanitiser (journal text is market-derived). */
export function formatCompletionReport(r: CompletionReport): string[] {
  const width = Math.max(...r.fields.map((f) => f.label.length), 'Caveats'.length) + 2;
  const pad = (s: string): string => s.padEnd(width);
  const lines = [`Completion report: action ${sanitize(r.actionId, { maxLength: 80 })} (${sanitize(r.outcome, { maxLength: 80 })})`];
  if (r.idempotencyKey) lines.push(`  ${pad('Idempotency key')}${sanitize(r.idempotencyKey, { maxLength: 80 })}`);
  for (const f of r.fields) lines.push(`  ${pad(f.label)}${sanitize(f.value)}`);
  if (r.caveats.length === 0) lines.push(`  ${pad('Caveats')}none`);
  r.caveats.forEach((c, i) => lines.push(`  ${pad(i === 0 ? 'Caveats' : '')}- ${sanitize(c)}`));
  return lines;
}
