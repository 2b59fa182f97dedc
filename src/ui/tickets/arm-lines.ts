// An arming ticket as display lines (pure): the inputs, every gate check judged now on the Intent the
// order would send (run again in full, on a fresh read, when it fires), the order's effect from typed
// fields only, and the confirmation `Type <P|N|floor> to confirm · Esc cancels` — a ladder's also names
// its floor and the most it can spend in fees.
import { ladderBidLimit } from '../../core/armed/ladder.js';
import type { GateCheck } from '../../core/gate.js';
import { formatUsdc } from '../../core/money.js';
import type { DeskState } from '../../store/state.js';
import { countdown, localTime } from '../format.js';
import { safe } from '../text.js';
import { field, heading, wrap, type Line } from '../views/lines.js';
import { armChecks, buildArm, type ArmBuilt } from './arm-model.js';
import type { TicketState } from './model.js';

const MARK: Record<GateCheck['status'], string> = { pass: '✓', fail: '✗', na: '–', warn: '!' };
const MARK_ASCII: Record<GateCheck['status'], string> = { pass: '+', fail: 'x', na: '-', warn: '!' };
const TONE = { pass: 'positive', fail: 'negative', na: 'muted', warn: 'warning' } as const;
const usdc = (v: bigint) => `${formatUsdc(v)} USDC`;

export interface ArmPicture {
  lines: Line[];
  prompt: Line | null;
  last: Line;
}

/** The order's effect, from typed fields only. */
export function armEffect(b: ArmBuilt, now: number): Line[] {
  const sp = b.spec;
  const L: Line[] = [];
  const until = sp.expiresAt !== null ? `${localTime(sp.expiresAt, now)} market time (in ${countdown(sp.expiresAt, now)})` : 'until disarmed';
  if (sp.kind === 'auction_accept') {
    const falling = sp.auctionType === 'dutch';
    L.push(field('order', `auction-accept on ${sp.auctionType.replace('_', '-')} task ${safe(sp.taskId, 'id')}`));
    L.push(field('trigger P', `${usdc(sp.trigger)} (fires at ${falling ? 'or below' : 'or above'} it)`));
    L.push(field('--min-price guard', `${usdc(sp.minPrice)} (the market refuses a price below it)`));
    if (b.timing && b.timing.kind !== 'never') L.push(field('clock reaches P', b.timing.kind === 'now' ? 'already: fires at once' : `${localTime(b.timing.at, now)} market time (in ${countdown(b.timing.at, now)}), at ${usdc(b.timing.price)}`));
  } else if (sp.kind === 'ladder') {
    L.push(field('order', `bid ladder on ${sp.auctionType.replace('_', '-')} task ${safe(sp.taskId, 'id')}`));
    L.push(field('each bid', sp.auctionType === 'reverse_english' ? `one sealed bid at the floor` : `the current lowest minus ${usdc(sp.step)}`));
    L.push(field('floor', `${usdc(sp.floor)} (never below)`));
    L.push(field('bids at most', String(ladderBidLimit(sp.auctionType, sp.maxBids))));
  } else {
    const f = sp.filter;
    const parts = [f.tags.length ? `tags ${f.tags.join(',')}` : '', f.skill ? `skill ${f.skill}` : '', f.maxReward !== null ? `reward ≤ ${usdc(f.maxReward)}` : '', f.deadlineHours !== null ? `expiring within ${f.deadlineHours} h` : '', f.text ? `text "${f.text}"` : ''].filter(Boolean);
    L.push(field('order', 'claim the first new claim-mode tasks matching'));
    L.push(field('Feed filters', safe(parts.length ? parts.join(' · ') : 'none (every new claim task)', 200)));
    L.push(field('reward at least', usdc(sp.minReward > (f.minReward ?? 0n) ? sp.minReward : (f.minReward ?? 0n))));
    L.push(field('claims at most N', String(sp.maxFills)));
  }
  L.push(field('fee per fire', b.fee > 0n ? usdc(b.fee) : 'none'));
  L.push(field('most it can spend', `${usdc(b.maxFees)} in fees`));
  L.push(field('armed until', until));
  L.push(field('at fire time', 'a fresh read, then every check above again; a failing one suspends it, nothing sent'));
  return L;
}

/** The done page's lines after arming. */
export function armedSummary(b: ArmBuilt, now: number): string[] {
  return armEffect(b, now).map((l) => l.text);
}

export function armPicture(s: DeskState, t: TicketState, width: number, ascii: boolean, L: Line[], notice: Line | null): ArmPicture {
  if (t.fields.length > 0) {
    L.push({ text: '' }, heading(t.stage === 'edit' ? 'Inputs (Tab / arrows move, Enter checks them)' : 'Inputs'));
    t.fields.forEach((f, i) => {
      const focused = t.stage === 'edit' && i === t.focus;
      L.push({ text: `${focused ? '›' : ' '} ${f.label.padEnd(38)}${safe(t.values[f.key] ?? '', 200)}${focused ? '_' : ''}`, tone: focused ? 'accent' : 'text', bold: focused });
      const err = t.errors[f.key];
      if (err) L.push({ text: `    ${safe(err, 'error')}`, tone: 'negative' });
      else if (f.hint && t.stage === 'edit') L.push({ text: `    ${safe(f.hint, 200)}`, tone: 'muted' });
    });
  }
  const loose = Object.entries(t.errors).find(([k, v]) => v && !t.fields.some((f) => f.key === k));
  if (loose) L.push({ text: safe(loose[1], 'error'), tone: 'negative', bold: true });
  const wallet = s.conn.wallet;
  const b = wallet ? buildArm(s, t, wallet) : null;
  const built = b?.ok ? b.built : null;
  L.push({ text: '' }, heading('Checks (now; all run again on a fresh read when it fires)'));
  const verdict = built ? armChecks(s, built, false) : null;
  if (!verdict) L.push({ text: '  the checks run once the inputs are valid', tone: 'muted' });
  for (const c of verdict?.checks ?? []) {
    const head = `${(ascii ? MARK_ASCII : MARK)[c.status]} ${c.label.padEnd(24)}`;
    wrap(c.reason, Math.max(20, width - head.length)).forEach((line, i) => L.push({ text: `${i === 0 ? head : ' '.repeat(head.length)}${line}`, tone: TONE[c.status] }));
  }
  if (built) L.push({ text: '' }, heading('Effect (typed fields)'), ...armEffect(built, s.now));
  let prompt = notice;
  if (t.stage === 'submitting') return { lines: L, prompt, last: { text: 'Arming… (keys are ignored until it is journaled)', tone: 'warning', bold: true } };
  if (t.stage === 'edit' || !built) return { lines: L, prompt, last: { text: 'Enter checks the inputs · Tab moves · Esc cancels', tone: 'muted' } };
  const blocking = verdict?.checks.filter((c) => c.status === 'fail' && c.id !== 'approval') ?? [];
  if (blocking.length > 0) prompt ??= { text: `cannot confirm: ${blocking.length} check${blocking.length > 1 ? 's fail' : ' fails'} (✗ above)`, tone: 'negative', bold: true };
  else prompt ??= { text: `> ${safe(t.line.value, 80)}_`, tone: 'accent' };
  const sp = built.spec;
  const extra = sp.kind === 'ladder' ? ` · floor ${usdc(sp.floor)}, at most ${usdc(built.maxFees)} in fees` : sp.kind === 'claim' ? ` · at most ${sp.maxFills} claims` : ` · trigger ${usdc(sp.trigger)}, guard ${usdc(sp.minPrice)}`;
  return { lines: L, prompt, last: { text: `Type ${built.phrase} to confirm · Esc cancels${extra}`, tone: 'accent', bold: true } };
}
