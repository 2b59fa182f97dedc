// The zod edge: a body that does not match becomes MarketError kind 'schema' naming the route and the
// field (never a raw zod dump, never the offending value, which is untrusted and may be huge).
import type { z } from 'zod';
import { MarketError } from '../errors.js';

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out || '(body)';
}

/** Parse `body` from `route` (e.g. "GET /api/tasks") or throw MarketError('schema'). */
export function parseWire<S extends z.ZodType>(schema: S, body: unknown, route: string): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3);
  const first = issues[0];
  const field = first ? pathText(first.path) : '(body)';
  const detail = issues.map((i) => `${pathText(i.path)}: ${i.message}`).join('; ');
  throw new MarketError('schema', `${route} returned an unexpected shape at ${field} (${detail})`.slice(0, 500), {
    route,
    reason: field,
  });
}
