// EM error bodies (execution-market-api.md §2, §13.3): coded errors as FastAPI `{"detail":{code, retryable,
// message, …}}` (the handler adds `ref` = the response's x-request-id), and validation failures as the snapshot's
// custom handler writes them (main.py:954): 422 `{"detail":"Validation error","errors":[{field,message,type}]}`.
import type { SimReply } from '../router.js';

export interface FieldError {
  /** Dotted location, e.g. `body.title`, `query.limit`, `path.task_id`. */
  field: string;
  message: string;
  /** Pydantic v2 error type, e.g. `string_too_short`, `missing`, `extra_forbidden`, `enum`. */
  type: string;
}

export function fail(status: number, code: string, message: string, extra: Record<string, unknown> = {}, retryable = false): SimReply {
  return { status, body: { detail: { code, retryable, message, ...extra } } };
}

export function validationFailed(errors: FieldError[]): SimReply {
  return { status: 422, body: { detail: 'Validation error', errors } };
}

export const notFound = (what: string): SimReply => fail(404, 'not_found', `${what} not found`);

export function success(message: string, data: Record<string, unknown>, status = 200, headers?: Record<string, string>): SimReply {
  const reply: SimReply = { status, body: { success: true, message, data } };
  if (headers) reply.headers = headers;
  return reply;
}
