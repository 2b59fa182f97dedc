// Publish validation against the reference (§3a): every CreateTaskRequest rule gives the 422 shape
// {"detail":"Validation error","errors":[{field,message,type}]}; below the config minimum is 400; unknown fields 422.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWallet, startEmSim, taskBody, type EmClient, type EmSim } from './helpers.js';

let sim: EmSim;
let c: EmClient;

beforeAll(async () => {
  sim = await startEmSim();
  c = sim.client(newWallet());
});
afterAll(async () => {
  await sim?.close();
});

async function refused(over: Record<string, unknown>, drop: string[] = []) {
  const body = taskBody(over);
  for (const k of drop) delete body[k];
  const r = await c.post('/tasks', body);
  expect(r.status).toBe(422);
  expect(r.body.detail).toBe('Validation error');
  return r.body.errors as { field: string; message: string; type: string }[];
}

describe('POST /tasks validation', () => {
  it('lengths: title 5–255, instructions 20–5000, whitespace stripped first', async () => {
    expect(await refused({ title: '  abc   ' })).toEqual([{ field: 'body.title', message: 'String should have at least 5 characters', type: 'string_too_short' }]);
    expect((await refused({ title: 'x'.repeat(256) }))[0]).toMatchObject({ field: 'body.title', type: 'string_too_long' });
    expect((await refused({ instructions: 'too short' }))[0]).toMatchObject({ field: 'body.instructions', type: 'string_too_short' });
    expect((await refused({ instructions: 'y'.repeat(5001) }))[0]).toMatchObject({ type: 'string_too_long' });
    const ok = await c.post('/tasks', taskBody({ title: '   Exact   ' }));
    expect(ok.status).toBe(201);
    expect(ok.body.title).toBe('Exact');
  });

  it('category must be one of the 21; evidence 1–5 of the 18, no repeats', async () => {
    const cat = await refused({ category: 'shopping' });
    expect(cat[0]).toMatchObject({ field: 'body.category', type: 'enum' });
    expect(cat[0]!.message).toContain("'knowledge_access'");
    expect((await refused({ evidence_required: [] }))[0]).toMatchObject({ field: 'body.evidence_required', type: 'too_short' });
    expect((await refused({ evidence_required: ['photo', 'video', 'document', 'receipt', 'signature', 'notarized'] }))[0]).toMatchObject({ type: 'too_long' });
    expect((await refused({ evidence_required: ['json_response', 'json_response'] }))[0]).toMatchObject({ field: 'body.evidence_required', type: 'value_error' });
    expect((await refused({ evidence_required: ['hologram'] }))[0]).toMatchObject({ field: 'body.evidence_required.0', type: 'enum' });
  });

  it('bounty: > 0 and ≤ 10000 (422), at least the config minimum 0.01 (400), ≤ 6 decimals', async () => {
    expect((await refused({ bounty_usd: 0 }))[0]).toMatchObject({ field: 'body.bounty_usd', type: 'greater_than' });
    expect((await refused({ bounty_usd: 10_000.01 }))[0]).toMatchObject({ type: 'less_than_equal' });
    expect((await refused({ bounty_usd: '0.05' }))[0]).toMatchObject({ type: 'float_type' });
    expect((await refused({ bounty_usd: 0.0100001 }))[0]).toMatchObject({ type: 'decimal_max_places' });
    const low = await c.post('/tasks', taskBody({ bounty_usd: 0.005 }));
    expect(low.status).toBe(400);
    expect(low.body.detail).toMatchObject({ code: 'bounty_below_minimum', min_bounty_usd: 0.01 });
    expect((await c.post('/tasks', taskBody({ bounty_usd: 10_000 }))).status).toBe(201);
    expect((await c.post('/tasks', taskBody({ bounty_usd: 0.01 }))).status).toBe(201);
  });

  it('deadline_hours is an integer 1–720', async () => {
    expect((await refused({ deadline_hours: 0 }))[0]).toMatchObject({ field: 'body.deadline_hours', type: 'greater_than_equal' });
    expect((await refused({ deadline_hours: 721 }))[0]).toMatchObject({ type: 'less_than_equal' });
    expect((await refused({ deadline_hours: 1.5 }))[0]).toMatchObject({ type: 'int_from_float' });
  });

  it('required fields, unknown fields (extra="forbid"), strict geo without coordinates', async () => {
    const missing = await refused({}, ['title', 'category', 'evidence_required']);
    expect(missing).toEqual([
      { field: 'body.title', message: 'Field required', type: 'missing' },
      { field: 'body.category', message: 'Field required', type: 'missing' },
      { field: 'body.evidence_required', message: 'Field required', type: 'missing' },
    ]);
    expect(await refused({ gps_required: true, metadata: {} })).toEqual([
      { field: 'body.gps_required', message: 'Extra inputs are not permitted', type: 'extra_forbidden' },
      { field: 'body.metadata', message: 'Extra inputs are not permitted', type: 'extra_forbidden' },
    ]);
    // The KK client's target_executor_type is not the field name (§10): 422.
    expect((await refused({ target_executor_type: 'agent' }))[0]).toMatchObject({ type: 'extra_forbidden' });
    expect((await refused({ geo_match_mode: 'strict' }))[0]).toMatchObject({ field: 'body.geo_match_mode', type: 'invalid_geo_match_mode' });
    expect((await c.post('/tasks', taskBody({ geo_match_mode: 'strict', location_lat: 40.4, location_lng: -3.7 }))).body).toMatchObject({ geo_match_mode: 'strict', location_radius_m: 500 });
    expect((await c.post('/tasks', taskBody({ location_hint: 'Medellín, CO' }))).body.geo_match_mode).toBe('city');
  });

  it('network and token: only base-sepolia USDC (400 otherwise); bad JSON and bad ids are 422', async () => {
    const net = await c.post('/tasks', taskBody({ payment_network: 'base' }));
    expect(net.status).toBe(400);
    expect(net.body.detail.code).toBe('network_not_enabled');
    expect((await c.post('/tasks', taskBody({ payment_token: 'EURC' }))).body.detail.code).toBe('token_not_supported');
    const bad = await c.send('POST', '/tasks', { raw: '{"title":' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ type: 'json_invalid' });
    const id = await c.get('/tasks/NOT-A-UUID');
    expect(id.status).toBe(422);
    expect(id.body.errors[0]).toMatchObject({ field: 'path.task_id', type: 'string_pattern_mismatch' });
    const upper = await c.get('/tasks/ABCDEF00-0000-4000-8000-000000000000');
    expect(upper.status).toBe(422);
  });

  it('browse query validation, unknown routes, body size', async () => {
    const r = await c.get('/tasks/available?limit=101', { as: null });
    expect(r.status).toBe(422);
    expect(r.body.errors[0]).toMatchObject({ field: 'query.limit', type: 'less_than_equal' });
    expect((await c.get('/tasks/available?category=shopping', { as: null })).body.errors[0].field).toBe('query.category');
    const nf = await c.get('/nope', { as: null });
    expect(nf).toMatchObject({ status: 404, body: { detail: 'Not Found' } });
    const big = await c.post('/tasks', taskBody({ instructions: 'z'.repeat(1024 * 1024 + 10) }));
    expect(big.status).toBe(413);
    expect(big.body.detail.code).toBe('request_body_too_large');
  });
});
