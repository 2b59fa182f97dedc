// Where each cycle of a pipeline stands, from the consumer's tasks on the market: which step is
// published, assigned, submitted or approved, and which is due next. Pure: tasks in, progress out.
// The consumer publishes step k+1 only once step k is approved (the guide's supply chain), so tasks
// are read in creation order; a failed step's republish is a retry, a repeated live step a new cycle.
import type { FleetAgent, FleetPipeline } from './fleet.js';
import { stepMatches } from './fleet.js';

/** One of the consumer's tasks as the market lists it (Execution Market's TaskResponse, normalised). */
export interface FleetTaskSummary {
  id: string;
  title: string;
  category: string | null;
  /** The market's task status, e.g. EM's published / accepted / in_progress / submitted / completed. */
  status: string;
  /** Publisher wallet (EM's agent_id). */
  publisher: string;
  /** The assigned worker's wallet when the market tells it, else null. */
  worker: string | null;
  bounty: bigint;
  /** Epoch ms. */
  createdAt: number;
}

export type StepState =
  | 'approved' // paid: the consumer approved the submission
  | 'submitted' // the seller delivered; waiting for the consumer's approval
  | 'assigned' // a seller is assigned and working
  | 'published' // the bounty is up, no seller assigned yet
  | 'disputed'
  | 'failed' // the latest attempt expired or was cancelled: it needs publishing again
  | 'unknown' // a status this helper does not know
  | 'due' // no task yet, and every earlier step is approved: the next to publish
  | 'waiting' // no task yet; an earlier step is not approved
  | 'missing'; // no task, although a later step of the cycle has one

// Execution Market's statuses (execution-market-api.md §3, §5a); refunded/draft are DB-only values.
const STATE_OF_STATUS: Record<string, StepState> = {
  published: 'published',
  draft: 'published',
  assigning: 'assigned', // the escrow lock is in flight after assign (§13.1b); back to published if it fails
  accepted: 'assigned',
  in_progress: 'assigned',
  submitted: 'submitted',
  verifying: 'submitted',
  completed: 'approved',
  disputed: 'disputed',
  expired: 'failed',
  cancelled: 'failed',
  refunded: 'failed',
};

export type StepNote = 'wrong_seller' | 'price_mismatch';

export interface StepProgress {
  index: number;
  product: string;
  seller: string;
  price: bigint;
  state: StepState;
  /** The latest attempt's task, if any. */
  task: FleetTaskSummary | null;
  /** How many tasks this cycle published for the step (retries after expiry or cancellation count). */
  attempts: number;
  notes: StepNote[];
}

export interface CycleProgress {
  /** 1 for the oldest cycle seen. */
  number: number;
  steps: StepProgress[];
  complete: boolean;
  /** The first step not yet approved, or null when the cycle is complete. */
  currentStep: number | null;
  /** Bounties of the approved steps. */
  spent: bigint;
  startedAt: number;
}

export interface PipelineProgress {
  pipeline: string;
  cycleTotal: bigint;
  cycles: CycleProgress[];
  /** The consumer's tasks that match no step (shown so a too-narrow match rule is noticed). */
  unmatched: number;
  /** No cycle yet, or the latest one is complete: step 1 of a new cycle is the next to publish. */
  nextCycleDue: boolean;
}

type Slot = { task: FleetTaskSummary; attempts: number } | null;

/** Work out each cycle's progress from the consumer's tasks (any order; others' tasks are ignored). */
export function pipelineProgress(pipeline: FleetPipeline, agents: readonly FleetAgent[], tasks: readonly FleetTaskSummary[]): PipelineProgress {
  const wallet = (name: string) => agents.find((a) => a.name === name)?.wallet ?? null;
  const consumer = wallet(pipeline.consumer);
  const mine = tasks
    .filter((t) => consumer !== null && t.publisher.toLowerCase() === consumer)
    .slice()
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const cycles: Slot[][] = [];
  let unmatched = 0;
  for (const task of mine) {
    const step = stepOf(pipeline, task);
    if (step < 0) {
      unmatched++;
      continue;
    }
    const current = cycles.at(-1);
    const slot = current?.[step];
    if (current && slot === null) current[step] = { task, attempts: 1 };
    else if (current && slot && stateOf(slot.task) === 'failed') current[step] = { task, attempts: slot.attempts + 1 };
    else {
      const fresh: Slot[] = pipeline.steps.map(() => null);
      fresh[step] = { task, attempts: 1 };
      cycles.push(fresh);
    }
  }

  const progress = cycles.map((slots, i) => cycleOf(pipeline, slots, i + 1, wallet));
  return { pipeline: pipeline.name, cycleTotal: pipeline.cycleTotal, cycles: progress, unmatched, nextCycleDue: progress.at(-1)?.complete ?? true };
}

/** The step a task belongs to: the first whose rules match, preferring one whose price is the bounty. */
function stepOf(pipeline: FleetPipeline, task: FleetTaskSummary): number {
  const candidates = pipeline.steps.flatMap((s, i) => (stepMatches(s.match, task) ? [i] : []));
  return candidates.find((i) => pipeline.steps[i]!.price === task.bounty) ?? candidates[0] ?? -1;
}

const stateOf = (t: FleetTaskSummary): StepState => STATE_OF_STATUS[t.status] ?? 'unknown';

function cycleOf(pipeline: FleetPipeline, slots: Slot[], number: number, wallet: (name: string) => string | null): CycleProgress {
  const lastFilled = slots.reduce((last, s, i) => (s ? i : last), -1);
  let allBeforeApproved = true;
  let spent = 0n;
  const steps = pipeline.steps.map((def, index): StepProgress => {
    const slot = slots[index] ?? null;
    let state: StepState;
    const notes: StepNote[] = [];
    if (slot) {
      state = stateOf(slot.task);
      const seller = wallet(def.seller);
      if (slot.task.worker && seller && slot.task.worker.toLowerCase() !== seller) notes.push('wrong_seller');
      if (slot.task.bounty !== def.price) notes.push('price_mismatch');
      if (state === 'approved') spent += slot.task.bounty;
    } else state = index < lastFilled ? 'missing' : allBeforeApproved ? 'due' : 'waiting';
    allBeforeApproved &&= state === 'approved';
    return { index, product: def.product, seller: def.seller, price: def.price, state, task: slot?.task ?? null, attempts: slot?.attempts ?? 0, notes };
  });
  const current = steps.findIndex((s) => s.state !== 'approved');
  const startedAt = Math.min(...slots.flatMap((s) => (s ? [s.task.createdAt] : [])));
  return { number, steps, complete: current < 0, currentStep: current < 0 ? null : current, spent, startedAt };
}
