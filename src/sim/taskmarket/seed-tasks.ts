// Put tasks straight into the simulator's market, funded the way a paid create is (the requester's
// payment reaches the platform wallet and becomes the task's escrow, routes/tasks.ts). Used for the
// desk's first-frame seed tasks and by POST /sim/seed (tests and demos that need many tasks at once).
import { z } from 'zod';
import { errorReply, ok, type Route } from '../router.js';
import type { Sim } from '../sim.js';
import { buildTask, createSchema } from './task-create.js';

const REQUESTERS = [
  '0x5eed000000000000000000000000000000000a01',
  '0x5eed000000000000000000000000000000000a02',
  '0x5eed000000000000000000000000000000000a03',
] as const;

/**
 * Insert create-task bodies (the wire shape POST /api/tasks takes); returns their ids. Invalid bodies
 * are skipped. With `owner`, the tasks are the owner's and its balance pays their escrow; otherwise
 * seed requesters are minted what they pay.
 */
export function insertTasks(sim: Sim, bodies: readonly unknown[], owner?: `0x${string}`): string[] {
  const ids: string[] = [];
  bodies.forEach((raw, i) => {
    const parsed = createSchema.safeParse(raw);
    if (!parsed.success) return;
    const payer = owner ?? REQUESTERS[i % REQUESTERS.length]!;
    const reward = BigInt(parsed.data.reward);
    if (!owner) sim.ledger.credit(payer, reward);
    sim.ledger.transfer(payer, sim.ledger.platform, reward);
    const t = buildTask(sim, parsed.data, payer);
    sim.state.tasks[t.id] = t;
    sim.state.taskOrder.push(t.id);
    sim.ledger.fund(t.id, sim.ledger.platform, t.reward);
    ids.push(t.id);
  });
  sim.changed();
  return ids;
}

const seedSchema = z.object({ tasks: z.array(z.unknown()).min(1).max(20_000) }).strict();

export const routes: Route<Sim>[] = [
  {
    method: 'POST',
    path: '/sim/seed',
    handle(req, sim) {
      const parsed = seedSchema.safeParse(req.body);
      if (!parsed.success) return errorReply(400, 'body must be {"tasks":[<create-task bodies>]}');
      const ids = insertTasks(sim, parsed.data.tasks);
      return ok({ ids, skipped: parsed.data.tasks.length - ids.length });
    },
  },
];
