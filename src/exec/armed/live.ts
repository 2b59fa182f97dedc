// One armed order as the engine holds it in memory, and the plain view the desk gets of it.
import type { ArmedSpec, OrderState } from '../../core/armed/order.js';
import type { TriggerTiming } from '../../core/armed/trigger.js';
import { fireLimit } from '../../core/armed/validate.js';
import type { Task } from '../../core/types.js';
import type { ArmedRecord } from '../journal-schema.js';
import { countsAsBid, countsAsFill } from './outcome.js';
import type { FireView, OrderView } from './types.js';

export interface Live {
  spec: ArmedSpec;
  state: OrderState;
  /** The journal's armed record: later steps repeat its identifying fields. */
  armed: ArmedRecord;
  confirmation: 'typed' | 'press';
  phrase: string;
  armedAt: number;
  fires: FireView[];
  note: string | null;
  /** The last read of the order's task (clock and ladder orders). */
  task: Task | null;
  /** auction-accept: when the clock meets the trigger, from the last read. */
  crossing: TriggerTiming | null;
  timer: unknown;
  /** Wall ms of the last read started by the engine's own polling (0 = read at once). */
  lastPollWall: number;
  /** Wall ms the last good read of the task came back (0 = none yet): a fire close to it needs no read of its own. */
  readWall: number;
  polling: boolean;
  /** Claim rule: matching tasks waiting for the fire in progress, and every task it has tried. */
  queue: string[];
  tried: Set<string>;
  /** Ladder: this wallet's standing bid from its own fills. */
  ownBid: bigint | null;
}

export function newLive(spec: ArmedSpec, armed: ArmedRecord, armedAt: number, state: OrderState = { status: 'armed' }): Live {
  return {
    spec,
    state,
    armed,
    confirmation: armed.confirmation,
    phrase: armed.phrase,
    armedAt,
    fires: [],
    note: null,
    task: null,
    crossing: null,
    timer: null,
    lastPollWall: 0,
    readWall: 0,
    polling: false,
    queue: [],
    tried: new Set(),
    ownBid: null,
  };
}

/** Fills so far: (possible) fills for auction-accepts and claims, bids placed for a ladder. */
export function fillsOf(l: Live): number {
  const counts = l.spec.kind === 'ladder' ? countsAsBid : countsAsFill;
  return l.fires.filter((f) => counts(f.outcome)).length;
}

export function viewOf(l: Live): OrderView {
  const s = l.state;
  return {
    id: l.spec.id,
    kind: l.spec.kind,
    spec: l.spec,
    status: s.status,
    reason: s.status === 'suspended' || s.status === 'expired' || s.status === 'exhausted' ? s.reason : null,
    phrase: l.phrase,
    crossingAt: l.crossing && l.crossing.kind !== 'never' ? l.crossing.at : null,
    fills: fillsOf(l),
    fireLimit: fireLimit(l.spec),
    fires: l.fires.map((f) => ({ ...f, report: [...f.report] })),
    note: l.note,
    armedAt: l.armedAt,
  };
}
