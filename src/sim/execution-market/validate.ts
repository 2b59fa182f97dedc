// zod at the EM edge, reported the way FastAPI/pydantic v2 reports it: one {field, message, type} per problem,
// `extra="forbid"` as `extra_forbidden` per unknown key, a missing field as `missing` (execution-market-api.md §2).
import type { z } from 'zod';
import { validationFailed, type FieldError } from './errors.js';
import type { SimReply } from '../router.js';

type Issue = z.core.$ZodIssue;

function quote(values: readonly unknown[]): string {
  const q = values.map((v) => `'${String(v)}'`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

function typeName(expected: string): [string, string] {
  switch (expected) {
    case 'string':
      return ['string_type', 'Input should be a valid string'];
    case 'number':
      return ['float_type', 'Input should be a valid number'];
    case 'int':
      return ['int_type', 'Input should be a valid integer'];
    case 'boolean':
      return ['bool_type', 'Input should be a valid boolean'];
    case 'array':
      return ['list_type', 'Input should be a valid list'];
    case 'object':
    case 'record':
      return ['dict_type', 'Input should be a valid dictionary'];
    default:
      return [`${expected}_type`, `Input should be a valid ${expected}`];
  }
}

function one(issue: Issue, where: string, input: unknown): FieldError[] {
  const field = [where, ...issue.path.map(String)].join('.');
  const at = issue.path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), input);
  // zod reports an absent enum as invalid_value and an absent field as invalid_type: both are pydantic's `missing`.
  if (at === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return [{ field, message: 'Field required', type: 'missing' }];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => ({ field: `${field}.${k}`, message: 'Extra inputs are not permitted', type: 'extra_forbidden' }));
    case 'invalid_type': {
      if (issue.expected === 'int' && typeof at === 'number') {
        return [{ field, message: 'Input should be a valid integer, got a number with a fractional part', type: 'int_from_float' }];
      }
      const [type, message] = typeName(issue.expected);
      return [{ field, message, type }];
    }
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'string') return [{ field, message: `String should have at least ${n} character${n === '1' ? '' : 's'}`, type: 'string_too_short' }];
      if (issue.origin === 'array' || issue.origin === 'set') return [{ field, message: `List should have at least ${n} item${n === '1' ? '' : 's'} after validation`, type: 'too_short' }];
      return issue.inclusive
        ? [{ field, message: `Input should be greater than or equal to ${n}`, type: 'greater_than_equal' }]
        : [{ field, message: `Input should be greater than ${n}`, type: 'greater_than' }];
    }
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'string') return [{ field, message: `String should have at most ${n} character${n === '1' ? '' : 's'}`, type: 'string_too_long' }];
      if (issue.origin === 'array' || issue.origin === 'set') return [{ field, message: `List should have at most ${n} item${n === '1' ? '' : 's'} after validation`, type: 'too_long' }];
      return issue.inclusive
        ? [{ field, message: `Input should be less than or equal to ${n}`, type: 'less_than_equal' }]
        : [{ field, message: `Input should be less than ${n}`, type: 'less_than' }];
    }
    case 'invalid_value':
      return [{ field, message: `Input should be ${quote(issue.values)}`, type: issue.values.length === 1 ? 'literal_error' : 'enum' }];
    case 'invalid_format':
      return [{ field, message: issue.format === 'regex' ? `String should match pattern '${String((issue as { pattern?: unknown }).pattern ?? '').replace(/^\/|\/$/g, '')}'` : issue.message, type: issue.format === 'regex' ? 'string_pattern_mismatch' : `${issue.format}_parsing` }];
    case 'invalid_union':
      return [{ field, message: issue.message, type: 'union_error' }];
    default: {
      const type = (issue as { params?: { type?: string } }).params?.type ?? 'value_error';
      return [{ field, message: type === 'value_error' ? `Value error, ${issue.message}` : issue.message, type }];
    }
  }
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: SimReply };

/** Parse `input` (a body, a query object or path params) with `schema`; 422 in the EM shape on failure. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, where: 'body' | 'query' | 'path'): Parsed<T> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, reply: validationFailed(r.error.issues.flatMap((i) => one(i, where, input))) };
}

/** Query parameters as a plain object (first value of each name). */
export function queryObject(q: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of q) if (!(k in out)) out[k] = v;
  return out;
}
