// Submission metering (taskmarket-backend.md §1.1, §5.1): bounty/benchmark submissions are free for a
// worker's first N on a task, then x402 1000 each, with a hard ceiling (429) checked first; claim/pitch/
// auction submissions are always free. One route that runs the free pipeline or the paid one.
import { checkIdempotency, claimKey, parseInput, rememberReply } from '../idempotency.js';
import type { Route, SimReply, SimRequest } from '../../router.js';
import type { Sim } from '../../sim.js';
import { paidRoute, type PaidRouteSpec, type Payment, STANDARD_FEE } from '../x402.js';

export interface MeteredRouteSpec<B> extends Omit<PaidRouteSpec<B>, 'amount' | 'settle' | 'preflight'> {
  /** 'free', 'paid', or a reply that refuses before anything else (429 ceiling, 404 task). */
  meter(body: B, sim: Sim): 'free' | 'paid' | SimReply;
  /** payer is null on the free path. */
  preflight(body: B, payer: `0x${string}` | null, req: SimRequest, sim: Sim): SimReply | null;
  settle(body: B, payer: `0x${string}` | null, req: SimRequest, sim: Sim, payment: Payment | null): SimReply;
}

export function meteredRoute<B>(spec: MeteredRouteSpec<B>): Route<Sim> {
  const paid = paidRoute<B>({
    ...spec,
    amount: (body, _req, sim) => {
      const m = spec.meter(body, sim);
      return typeof m === 'object' ? m : STANDARD_FEE;
    },
    preflight: (body, payer, req, sim) => spec.preflight(body, payer, req, sim),
    settle: (body, payer, req, sim, payment) => spec.settle(body, payer, req, sim, payment),
  });
  return {
    method: 'POST',
    path: spec.path,
    async handle(req, sim) {
      const input = parseInput(spec.schema, req);
      if (!input.ok) return { status: 400, body: { error: input.message || 'Invalid request body' } };
      const body = input.value;
      const m = spec.meter(body, sim);
      if (typeof m === 'object') {
        // The ceiling gate runs before the idempotency/x402 middleware, like submissionAllowanceGate.
        return m;
      }
      if (m === 'paid') return paid.handle(req, sim);
      const check = checkIdempotency(req, sim);
      if (check.kind === 'reply') return check.reply;
      const release = claimKey(sim, check.key);
      try {
        const refused = spec.verify ? await spec.verify(body, req, sim) : null;
        if (refused) return refused;
        // One tick from here: re-check state the await may have changed, then apply.
        if (spec.meter(body, sim) !== 'free') {
          release();
          return paid.handle(req, sim);
        }
        const late = spec.preflight(body, null, req, sim);
        if (late) return late;
        const reply = spec.settle(body, null, req, sim, null);
        rememberReply(sim, req, check.key, check.hash, reply);
        sim.changed();
        return reply;
      } finally {
        release();
      }
    },
  };
}
