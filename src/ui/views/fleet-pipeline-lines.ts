// One pipeline as display lines: its steps (product, seller, price, how its task is recognised), then each
// cycle newest first with every step's state, the current step marked, and the cycle's spend against its total.
import type { CycleProgress, StepProgress } from '../../config/fleet-progress.js';
import type { FleetPipeline } from '../../config/fleet.js';
import { formatUsdc } from '../../core/money.js';
import type { PipelineFigures } from '../../store/fleet-state.js';
import { ago, fit, fitRight } from '../format.js';
import { safe } from '../text.js';
import { heading, type Line } from './lines.js';

/** Cycles listed; older ones are summed up in one line. */
export const CYCLES_SHOWN = 8;

const NOTE_TEXT = { wrong_seller: 'delivered by another seller', price_mismatch: 'bounty differs from the step price' } as const;

function matchText(p: FleetPipeline['steps'][number]['match']): string {
  const parts: string[] = [];
  if (p.titlePrefix !== null) parts.push(`title starts "${safe(p.titlePrefix, 60)}"`);
  if (p.titleRegex !== null) parts.push(`title ~ /${safe(p.titleRegex.source, 60)}/`);
  if (p.category !== null) parts.push(`category ${safe(p.category, 40)}`);
  return parts.join(', ');
}

/** A step's state in a cycle row, marked when it is the cycle's current step. */
function stateCell(s: StepProgress, current: boolean, pointer: string): string {
  const flag = s.notes.length > 0 || s.attempts > 1 ? '!' : '';
  return `${current ? pointer : ' '}${s.state}${flag}`;
}

function cycleNotes(c: CycleProgress): string {
  const out: string[] = [];
  for (const s of c.steps) {
    for (const n of s.notes) out.push(`${safe(s.product, 40)}: ${NOTE_TEXT[n]}`);
    if (s.attempts > 1) out.push(`${safe(s.product, 40)}: ${s.attempts} attempts`);
  }
  return out.join('; ');
}

export function pipelineLines(p: FleetPipeline, fig: PipelineFigures | undefined, o: { now: number; pointer: string }): Line[] {
  const L: Line[] = [];
  L.push(heading(`Pipeline ${safe(p.name, 64)}   consumer ${safe(p.consumer, 64)}   ${p.market}   ${formatUsdc(p.cycleTotal)} USDC a cycle`));
  const col = Math.max(12, ...p.steps.map((s) => Math.min(24, s.product.length + 3)));
  L.push({ text: `  ${fit('#', 3)}${fit('PRODUCT', 18)}${fit('SELLER', 22)}${fitRight('PRICE USDC', 11)}  MATCH`, tone: 'muted' });
  p.steps.forEach((s, i) => {
    L.push({ text: `  ${fit(String(i + 1), 3)}${fit(safe(s.product, 40), 18)}${fit(safe(s.seller, 64), 22)}${fitRight(formatUsdc(s.price), 11)}  ${matchText(s.match)}` });
  });
  if (fig?.note) {
    L.push({ text: `  ${safe(fig.note, 200)}`, tone: 'muted' });
    return L;
  }
  const prog = fig?.progress;
  if (!prog) {
    L.push({ text: "  waiting for the first read of the consumer's tasks", tone: 'muted' });
    return L;
  }
  const done = prog.cycles.filter((c) => c.complete);
  const spent = prog.cycles.reduce((sum, c) => sum + c.spent, 0n);
  const last = prog.cycles.at(-1);
  const next = !last || last.complete ? 'step 1 of a new cycle is due' : `cycle #${last.number} at step ${last.currentStep! + 1} ${safe(p.steps[last.currentStep!]?.product ?? '', 40)}`;
  L.push({
    text: `  ${prog.cycles.length} cycles seen, ${done.length} complete, ${formatUsdc(spent)} USDC spent; ${next}${fig?.fetchedAt ? `   (read ${ago(fig.fetchedAt, o.now)})` : ''}`,
    tone: 'muted',
  });
  if (prog.unmatched > 0) L.push({ text: `  ${prog.unmatched} of the consumer's tasks match no step (check the match rules)`, tone: 'warning' });
  if (prog.cycles.length === 0) return L;

  L.push({ text: `  ${fit('CYCLE', 7)}${p.steps.map((s) => fit(safe(s.product, 40), col)).join('')}${fitRight('SPENT USDC / CYCLE', 21)}`, tone: 'muted' });
  const shown = prog.cycles.slice(-CYCLES_SHOWN).reverse();
  for (const c of shown) {
    const cells = c.steps.map((s) => fit(stateCell(s, c.currentStep === s.index, o.pointer), col)).join('');
    const spend = `${formatUsdc(c.spent)} / ${formatUsdc(prog.cycleTotal)}`;
    const notes = cycleNotes(c);
    const tail = c.complete ? '  complete' : `  at ${safe(p.steps[c.currentStep!]?.product ?? '', 40)}`;
    L.push({ text: `  ${fit(`#${c.number}`, 7)}${cells}${fitRight(spend, 21)}${tail}${notes ? `  ${notes}` : ''}`, tone: c.complete ? 'positive' : notes ? 'warning' : 'text' });
  }
  const older = prog.cycles.length - shown.length;
  if (older > 0) {
    const olderDone = prog.cycles.slice(0, older).filter((c) => c.complete).length;
    L.push({ text: `  + ${older} older cycles (${olderDone} complete)`, tone: 'muted' });
  }
  return L;
}
