// The Fleet view as lines (F, or :fleet): where the fleet and its figures come from, every agent side by
// side (market, wallet, balance, open tasks, applications, assignments, deliveries to review, last activity),
// then each pipeline's steps and cycles. Pure: a FleetSnapshot in, lines out.
import { SIM_BOT_KEYSTORE } from '../../config/fleet.js';
import { formatUsdc } from '../../core/money.js';
import type { AgentFigures, FeedHealth, FleetFeed, FleetSnapshot, MarketCounts } from '../../store/fleet-state.js';
import { ago, countdown, fit, fitRight, shortAddress } from '../format.js';
import { safe, safeAddress } from '../text.js';
import { pipelineLines } from './fleet-pipeline-lines.js';
import { field, heading, wrap, type Line } from './lines.js';

export interface FleetLinesOptions {
  now: number;
  width: number;
  ascii?: boolean;
  /** The current-step marker (the theme's pointer glyph). */
  pointer?: string;
  /** The agent the desk acts as now, if any. */
  actingAs?: string | null;
}

const MARKET_SHORT = { taskmarket: 'TM', 'execution-market': 'EM' } as const;
const FEED_NAMES: Record<FleetFeed, string> = { balances: 'balances', em: 'Execution Market', taskmarket: 'Taskmarket' };

/** Both markets' figure, summed; null when neither market said. */
function sum(a: AgentFigures, pick: (c: MarketCounts) => number | null): number | null {
  const vals = [a.em, a.tm].flatMap((c) => (c ? [pick(c)] : [])).filter((v): v is number => v !== null);
  return vals.length ? vals.reduce((x, y) => x + y, 0) : null;
}

const num = (v: number | null) => (v === null ? '-' : String(v));

const COLS = { name: 20, market: 7, wallet: 14, balance: 14, open: 6, applied: 9, assigned: 10, review: 8 } as const;

function agentHeader(): string {
  return `${fit('AGENT', COLS.name)} ${fit('MARKET', COLS.market)}${fit('WALLET', COLS.wallet)}${fitRight('BALANCE USDC', COLS.balance)}${fitRight('OPEN', COLS.open)}${fitRight('APPLIED', COLS.applied)}${fitRight('ASSIGNED', COLS.assigned)}${fitRight('REVIEW', COLS.review)}  LAST ACTIVITY`;
}

function healthLine(feed: FleetFeed, h: FeedHealth, now: number): Line {
  if (h.error) {
    const retry = h.retryAt ? `, retry in ${countdown(h.retryAt, now)}` : '';
    return field(FEED_NAMES[feed], `${safe(h.error, 200)}${retry}${h.okAt ? ` (last good ${ago(h.okAt, now)})` : ''}`, 'negative');
  }
  return field(FEED_NAMES[feed], h.okAt ? `polled ${ago(h.okAt, now)}` : 'not read yet', h.okAt ? 'muted' : 'warning');
}

export function fleetLines(snap: FleetSnapshot | null | undefined, o: FleetLinesOptions): Line[] {
  if (!snap) return [{ text: 'the market is not open yet: the fleet is read once it is', tone: 'muted' }];
  const { now, width } = o;
  const ascii = o.ascii ?? false;
  const L: Line[] = [];
  const path = safe(snap.path, 300);
  if (snap.source === 'none' || (snap.fleet.agents.length === 0 && snap.problems.length === 0)) {
    L.push(heading('Fleet'));
    for (const t of wrap(`No agents: ${snap.source === 'none' ? 'there is no fleet file at' : 'the fleet file lists none at'} ${path}. It lists agents (name, market, wallet, keystore) and pipelines; examples/fleet.json is the guide's supply chain.`, width)) L.push({ text: t, tone: 'muted' });
    return L;
  }
  L.push(heading(snap.source === 'simulator' ? "Fleet: the simulator's KarmaCadabra agents" : `Fleet: ${snap.fleet.agents.length} agents, ${snap.fleet.pipelines.length} pipelines`));
  if (snap.source === 'simulator') L.push(field('fleet file', `none at ${path}, so the built-in simulator's own bots are shown`, 'muted'));
  else L.push(field('fleet file', path, 'muted'));
  L.push(field('Execution Market', snap.emUrl ? `${safe(snap.emUrl, 200)} (public reads, unsigned)` : 'not configured for this backend (--em-api)', snap.emUrl ? 'muted' : 'warning'));
  L.push(field('balances from', snap.balanceUrl ? `${safe(snap.balanceUrl, 200)} (GET /api/wallet/balance)` : '-', 'muted'));
  const feeds: FleetFeed[] = ['balances'];
  if (snap.emUrl && snap.fleet.agents.some((a) => a.markets.includes('execution-market'))) feeds.push('em');
  if (snap.fleet.agents.some((a) => a.markets.includes('taskmarket'))) feeds.push('taskmarket');
  for (const f of feeds) L.push(healthLine(f, snap.health[f], now));
  for (const p of snap.problems) for (const t of wrap(safe(p, 400), width)) L.push({ text: t, tone: 'warning' });

  L.push({ text: '' });
  L.push({ text: agentHeader(), tone: 'muted', bold: true });
  for (const a of snap.fleet.agents) {
    const f = snap.agents[a.name];
    const market = a.markets.map((m) => MARKET_SHORT[m]).join('+');
    const bal = f?.balance !== null && f?.balance !== undefined ? formatUsdc(f.balance) : '-';
    const last = f ? Math.max(f.em?.lastActivity ?? -1, f.tm?.lastActivity ?? -1) : -1;
    const row =
      `${fit(safe(a.name, 64), COLS.name, ascii)} ${fit(market, COLS.market)}${fit(shortAddress(safeAddress(a.wallet), ascii), COLS.wallet)}` +
      `${fitRight(bal, COLS.balance)}${fitRight(num(f ? sum(f, (c) => c.open) : null), COLS.open)}${fitRight(num(f ? sum(f, (c) => c.applied) : null), COLS.applied)}` +
      `${fitRight(num(f ? sum(f, (c) => c.assigned) : null), COLS.assigned)}${fitRight(num(f ? sum(f, (c) => c.toReview) : null), COLS.review)}  ${last >= 0 ? ago(last, now) : '-'}`;
    L.push({ text: row, tone: f && (f.tm?.toReview ?? 0) + (f.em?.toReview ?? 0) > 0 ? 'accent' : undefined });
  }
  for (const t of wrap(
    'open and review: tasks it published (review = a delivery waiting for its approval). applied and assigned: its work as a seller; on Execution Market "applied" shows once its executor id is known (from the escrow of a task it was assigned) and "assigned" counts tasks the fleet published.',
    width,
  ))
    L.push({ text: t, tone: 'muted' });
  const actable = snap.fleet.agents.filter((a) => a.keystore !== SIM_BOT_KEYSTORE);
  const acting = o.actingAs ? ` Acting as ${safe(o.actingAs, 64)} now (:act-as me goes back).` : '';
  if (actable.length > 0) for (const t of wrap(`:act-as <agent> acts as one of ${actable.map((a) => safe(a.name, 64)).join(', ')}: its wallet signs every ticket (a keystore password is asked once a session).${acting}`, width)) L.push({ text: t, tone: 'accent' });
  else if (snap.source === 'simulator') for (const t of wrap("The simulator's bots keep their keys inside the simulator: a fleet file with your agents' keystores lets the desk act as them (:act-as).", width)) L.push({ text: t, tone: 'muted' });

  for (const p of snap.fleet.pipelines) {
    L.push({ text: '' });
    L.push(...pipelineLines(p, snap.pipelines[p.name], { now, pointer: o.pointer ?? (ascii ? '>' : '›') }));
  }
  return L;
}
