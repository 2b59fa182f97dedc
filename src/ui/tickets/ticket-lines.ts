// A ticket as display lines (pure): who acts, the inputs, every gate check with its reason, the exact
// effect from typed fields only (never free text from the market), and the confirmation line — which
// reads exactly `Type <PHRASE> to confirm · Esc cancels` or `Press y to confirm · any other key cancels`.
import { confirmation, confirmLine } from '../../core/confirm.js';
import type { GateCheck } from '../../core/gate.js';
import type { Intent } from '../../core/intent.js';
import { formatUsdc } from '../../core/money.js';
import type { Task } from '../../core/types.js';
import { judge } from '../../store/gate-state.js';
import type { DeskState } from '../../store/state.js';
import { safe, safeAddress } from '../text.js';
import { field, heading, wrap, type Line } from '../views/lines.js';
import { buildIntent, changedSince, liveChoices, ticketContext, ticketSpecFor, type TicketState } from './model.js';
import { armPicture } from './arm-lines.js';
import { ARM_TITLES } from './arm-model.js';

const MARK: Record<GateCheck['status'], string> = { pass: '✓', fail: '✗', na: '–', warn: '!' };
const MARK_ASCII: Record<GateCheck['status'], string> = { pass: '+', fail: 'x', na: '-', warn: '!' };
const TONE = { pass: 'positive', fail: 'negative', na: 'muted', warn: 'warning' } as const;

export interface TicketPicture {
  title: string;
  lines: Line[];
  /** Shown right above the last line: the phrase being typed, or a notice. */
  prompt: Line | null;
  /** The ticket's last line. */
  last: Line;
}

/** Which market the ticket acts on and the network that market says it is on (EM reports its own). */
function marketNetwork(s: DeskState, t: TicketState, task: Task | null): { market: string; known: { name: string; chainId: number; usdc: string } | null } {
  const em = t.action?.startsWith('em_') || task?.market === 'execution-market';
  if (em) {
    const n = s.em.network;
    return { market: 'Execution Market', known: n ? { name: safe(n.name, 40), chainId: n.chainId, usdc: n.usdcAddress } : null };
  }
  const n = s.conn.network;
  return { market: 'Taskmarket', known: n ? { name: safe(n.networkName, 40), chainId: n.chainId, usdc: n.usdcAddress } : null };
}

export function ticketPicture(s: DeskState, t: TicketState, width: number, ascii: boolean): TicketPicture {
  const wallet = s.conn.wallet;
  const spec = t.action ? ticketSpecFor(t.action) : null;
  const task = t.taskId ? (s.details[t.taskId]?.task ?? s.tasks[t.taskId] ?? null) : null;
  const title = `${t.arm ? ARM_TITLES[t.arm] : (spec?.title ?? 'Act on the task')}${task ? ` · task ${safe(task.id, 'id').slice(0, 18)}` : ''}`;
  const L: Line[] = [];
  const notice: Line | null = t.notice ? { text: safe(t.notice.text, 'error'), tone: t.notice.level === 'error' ? 'negative' : t.notice.level === 'warn' ? 'warning' : 'accent', bold: true } : null;

  const agent = s.conn.agent ? `agent ${safe(s.conn.agent, 40)}  ` : '';
  L.push(field('acting as', `${agent}${safeAddress(wallet ?? '')}${s.act.executor === 'cli' && !agent ? '  (cli executor)' : ''}`));
  const net = marketNetwork(s, t, task);
  L.push(field('market', `${net.market}  ${net.known ? `${net.known.name} (chain ${net.known.chainId})` : 'network unknown'}`));

  if (t.stage === 'choose') {
    L.push({ text: '' }, heading('Choose an action (j/k, Enter)'));
    const choices = wallet ? liveChoices(s, t, wallet) : [];
    if (choices === null) L.push({ text: "  loading this task's pending actions…", tone: 'muted' });
    else if (choices.length === 0) L.push({ text: '  no pending action for this wallet on this task', tone: 'warning' });
    const pick = Math.min(t.choice, Math.max(0, (choices?.length ?? 1) - 1));
    (choices ?? []).forEach((c, i) => L.push({ text: `${i === pick ? '›' : ' '} ${c.role.padEnd(10)} ${c.label}`, tone: i === pick ? 'selection' : 'text', bold: i === pick }));
    return { title, lines: L, prompt: notice, last: { text: 'Enter opens its ticket · Esc cancels', tone: 'muted' } };
  }

  if (t.stage === 'network') {
    const known = net.known ? `${net.known.name} — chain ${net.known.chainId}, USDC ${safeAddress(net.known.usdc)}` : 'not known yet';
    L.push({ text: '' }, heading('Confirm the network for this session'));
    for (const line of wrap(`This market says it is on ${known}. Type the network's name (base or base-sepolia) to confirm you mean to act on it. It is asked once per session.`, width)) L.push({ text: line });
    return { title, lines: L, prompt: notice ?? { text: `network: ${safe(t.line.value, 40)}_`, tone: 'accent' }, last: { text: 'Type the network name, then Enter · Esc cancels', tone: 'accent', bold: true } };
  }

  if (t.stage === 'done' && t.outcome) {
    L.push({ text: '' }, heading(`${t.outcome.ok ? 'Done' : 'Not done'}: ${safe(t.outcome.title, 'error')}`));
    for (const raw of t.outcome.lines) for (const line of wrap(safe(raw, 400), width)) L.push({ text: line, tone: t.outcome.ok ? 'text' : 'warning' });
    return { title, lines: L, prompt: null, last: { text: 'Enter or Esc closes', tone: 'muted' } };
  }

  // An arming ticket (issue 10) draws its own inputs, checks and effect.
  if (t.arm) return { title, ...armPicture(s, t, width, ascii, L, notice) };

  // Inputs.
  if (t.fields.length > 0) {
    L.push({ text: '' }, heading(t.stage === 'edit' ? 'Inputs (Tab / arrows move, Enter checks them)' : 'Inputs'));
    t.fields.forEach((f, i) => {
      const focused = t.stage === 'edit' && i === t.focus;
      const value = t.values[f.key] ?? '';
      const shown = f.kind === 'choice' ? `${f.choices?.find((c) => c.value === value)?.label ?? safe(value, 60)}${focused ? '  (←/→ to change)' : ''}` : `${safe(value, 200)}${focused ? '_' : ''}`;
      L.push({ text: `${focused ? '›' : ' '} ${f.label.padEnd(38)}${shown}`, tone: focused ? 'accent' : 'text', bold: focused });
      const err = t.errors[f.key];
      if (err) L.push({ text: `    ${safe(err, 'error')}`, tone: 'negative' });
      else if (f.hint && (focused || t.stage === 'edit')) L.push({ text: `    ${safe(f.hint, 200)}`, tone: 'muted' });
    });
  }
  if (t.errors['']) L.push({ text: safe(t.errors[''], 'error'), tone: 'negative', bold: true });

  const built = wallet ? buildIntent(s, t, wallet) : null;
  const intent = built?.ok ? built.intent : null;

  // Checks: every one, pass or fail, with why. The approval check waits for the confirmation below.
  L.push({ text: '' }, heading('Checks'));
  const verdict = intent ? judge(s, intent, false) : null;
  if (!verdict) L.push({ text: '  the checks run once the inputs are valid', tone: 'muted' });
  for (const c of verdict?.checks ?? []) {
    const head = `${(ascii ? MARK_ASCII : MARK)[c.status]} ${c.label.padEnd(24)}`;
    // The reason wraps under itself; the mark and the label keep their column.
    wrap(c.reason, Math.max(20, width - head.length)).forEach((line, i) => L.push({ text: `${i === 0 ? head : ' '.repeat(head.length)}${line}`, tone: TONE[c.status] }));
  }

  if (intent) {
    L.push({ text: '' }, heading('Effect (typed fields)'));
    L.push(...effectLines(s, intent, task?.id ?? null));
    const spec2 = ticketSpecFor(intent.action);
    const ctx = ticketContext(s, t.taskId, intent.wallet);
    for (const e of spec2?.effect?.(ctx, intent) ?? []) L.push(field(e.label, safe(e.value, 300), e.tone));
  }

  const blocking = verdict?.checks.filter((c) => c.status === 'fail' && c.id !== 'approval') ?? [];
  const changed = t.stage === 'confirm' && intent ? changedSince(s, t, intent) : null;
  let prompt = notice;
  if (!prompt && changed) prompt = { text: `${changed}: confirm again`, tone: 'warning', bold: true };
  if (t.stage === 'submitting') return { title, lines: L, prompt, last: { text: 'Submitting… (keys are ignored until the market answers)', tone: 'warning', bold: true } };
  if (t.stage === 'edit' || !intent) return { title, lines: L, prompt, last: { text: 'Enter checks the inputs · Tab moves · Esc cancels', tone: 'muted' } };
  const c = confirmation(intent);
  if (blocking.length > 0) {
    prompt ??= { text: `cannot confirm: ${blocking.length} check${blocking.length > 1 ? 's fail' : ' fails'} (✗ above)`, tone: 'negative', bold: true };
  } else if (c.kind === 'typed') prompt ??= { text: `> ${safe(t.line.value, 80)}_`, tone: 'accent' };
  return { title, lines: L, prompt, last: { text: confirmLine(c), tone: 'accent', bold: true } };
}

/** The effect every ticket shows, from typed fields only. */
function effectLines(s: DeskState, intent: Intent, taskId: string | null): Line[] {
  const net = s.act.intended ?? s.conn.network;
  const name = net ? ('name' in net ? net.name : net.networkName) : '?';
  const balance = s.conn.balance;
  // Execution Market has no task modes and no x402 fee: its escrow and split lines come from the spec.
  const tm = (intent.market ?? 'taskmarket') === 'taskmarket';
  return [
    field('network', `${safe(name, 40)}, chain ${net?.chainId ?? '?'}`),
    field('task', taskId ? safe(taskId, 'id') : '(a new task)'),
    ...(tm ? [field('mode', `${intent.mode ?? '-'}${intent.auctionType ? ` / ${intent.auctionType}` : ''}`)] : []),
    field('action', intent.action.replace(/_/g, '-')),
    field('amount', intent.amount !== null ? `${formatUsdc(intent.amount)} USDC` : intent.score !== null ? `score ${intent.score}` : '-'),
    field('payer', `${safeAddress(intent.wallet)} (this wallet)`),
    field('payee', intent.payee ? safeAddress(intent.payee) : '-'),
    ...(tm ? [field('x402 fee', intent.fee > 0n ? `${formatUsdc(intent.fee)} USDC` : 'none')] : []),
    field('leaves the wallet', `${formatUsdc(intent.spend)} USDC`),
    field('balance after', balance !== null ? `${formatUsdc(balance - intent.spend)} USDC` : 'unknown'),
  ];
}
