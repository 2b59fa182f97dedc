// GET /api/intents?intentId=|idempotencyKey= (taskmarket-backend.md §1.10; protected, initiator-scoped):
// every completed write the sim stored under its idempotency key, so a client can reconcile after a crash.
import { callerOf } from '../auth.js';
import { intentIdFor } from '../idempotency.js';
import { ok, type Route } from '../../router.js';
import type { Sim } from '../../sim.js';
import type { IdempotencyRecord } from '../../state.js';

const notFound = () => ({
  status: 404,
  body: { message: 'Intent not found', code: 'NOT_FOUND', data: { taskmarket: { reason: 'intent_not_found' } } },
});

/** `POST /api/tasks/0x…/bids/accept` → `tasks.bids.accept`; `POST /api/tasks` → `tasks.create`. */
function operationOf(route: string): string {
  const path = route.replace(/^[A-Z]+ /, '');
  const parts = path.split('/').filter(Boolean).slice(1); // drop "api"
  if (parts.length === 1) return `${parts[0]}.create`;
  return [parts[0], ...parts.slice(2)].join('.');
}

function taskIdOf(r: IdempotencyRecord): string | null {
  const body = r.body as Record<string, unknown> | null;
  if (body && typeof body.taskId === 'string') return body.taskId;
  const m = /\/api\/tasks\/([^/]+)/.exec(r.route);
  return m ? (m[1] ?? null) : null;
}

export const routes: Route<Sim>[] = [
  {
    method: 'GET',
    path: '/api/intents',
    async handle(req, sim) {
      const caller = await callerOf(req);
      if (caller === null) return { status: 401, body: { message: 'Caller authentication required', code: 'UNAUTHORIZED' } };
      const byKey = req.query.get('idempotencyKey');
      const byId = req.query.get('intentId');
      let rec: IdempotencyRecord | undefined;
      if (byKey) rec = sim.state.idempotency[byKey];
      else if (byId) rec = Object.values(sim.state.idempotency).find((r) => intentIdFor(r.key) === byId);
      if (!rec || !rec.actor || rec.actor.toLowerCase() !== caller.toLowerCase()) return notFound();
      const body = rec.body as Record<string, unknown> | null;
      return ok({
        intentId: intentIdFor(rec.key),
        idempotencyKey: rec.key,
        operation: operationOf(rec.route),
        status: 'completed',
        txHash: body && typeof body.txHash === 'string' ? body.txHash : null,
        terminalReason: null,
        taskId: taskIdOf(rec),
        refund: null,
      });
    },
  },
];
