import { emHttpError, type EmClient } from '../client.js';
import { toPayment, type EmPayment } from '../normalize.js';
import { paymentSchema } from '../schemas/review.js';
import { idPath, parse } from './common.js';

/** GET /tasks/{id}/payment — the escrow/payment timeline (§4b, §13.2); null on 404/410. */
export async function getPayment(client: EmClient, p: { taskId: string; signal?: AbortSignal }): Promise<EmPayment | null> {
  const route = 'GET /tasks/{task_id}/payment';
  const res = await client.send({ method: 'GET', path: `/tasks/${idPath(p.taskId)}/payment`, route, ...(p.signal ? { signal: p.signal } : {}) });
  if (res.status === 404 || res.status === 410) return null;
  if (res.status !== 200) throw emHttpError(res, client.now());
  return toPayment(parse(paymentSchema, res.body, route));
}
