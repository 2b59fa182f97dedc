// ERC-8128 at the EM edge over real HTTP: unsigned writes 401, API keys 403 (even on public routes), nonce replay,
// stale or future signatures, body tampering, missing @query, foreign @authority, wrong keyid — all 401 with
// WWW-Authenticate; worker writes signed by anyone but the executor's wallet are 403.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/core/erc8128.js';
import { API, newWallet, signedHeaders, startEmSim, taskBody, worker, type EmClient, type EmSim, type Wallet } from './helpers.js';

let sim: EmSim;
let w: Wallet;
let c: EmClient;

beforeAll(async () => {
  sim = await startEmSim();
  w = newWallet();
  c = sim.client(w);
});
afterAll(async () => {
  await sim?.close();
});

function expect401(r: { status: number; body: any; headers: Headers }, code: string) {
  expect(r.status).toBe(401);
  expect(r.body.detail).toMatchObject({ code, retryable: false });
  expect(r.headers.get('www-authenticate')).toBe('ERC8128 realm="execution-market"');
}

describe('ERC-8128', () => {
  it('a signed write is accepted and names the signer as agent_id; a signed GET with a query works', async () => {
    const r = await c.post('/tasks', taskBody());
    expect(r.status).toBe(201);
    expect(r.body.agent_id).toBe(w.address.toLowerCase());
    const own = await c.get('/tasks?limit=5&offset=0');
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(1);
  });

  it('unsigned writes are 401; unsigned reads run as the anonymous platform agent', async () => {
    expect401(await c.post('/tasks', taskBody(), { as: null }), 'auth_required');
    const anon = await c.get('/tasks', { as: null });
    expect(anon.status).toBe(200);
    expect(anon.body).toMatchObject({ tasks: [], total: 0 });
  });

  it('API keys are refused with 403 (X-API-Key and API-key Bearer), even on public routes', async () => {
    const msg = 'API key authentication is disabled. Use ERC-8128 wallet signing instead.';
    const keys: Record<string, string>[] = [{ 'X-API-Key': 'em_free_0123456789abcdef0123456789abcdef' }, { Authorization: 'Bearer em_starter_0123456789abcdef0123456789abcdef' }];
    for (const headers of keys) {
      const w1 = await c.post('/tasks', taskBody(), { headers });
      expect(w1.status).toBe(403);
      expect(w1.body.detail).toMatchObject({ code: 'api_keys_disabled', message: msg });
      expect((await c.get('/tasks/available', { as: null, headers })).status).toBe(403);
    }
    const other = await c.post('/tasks', taskBody(), { as: null, headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.x.y' } });
    expect(other.status).toBe(401);
  });

  it('a nonce is single-use: the same signed request sent twice is refused the second time', async () => {
    const url = `${sim.url}${API}/tasks?limit=1`;
    const headers = await signedHeaders(w, 'GET', url, null, { nonce: 'replay-me-0001' });
    expect((await fetch(url, { headers })).status).toBe(200);
    const again = await fetch(url, { headers });
    expect401({ status: again.status, body: await again.json(), headers: again.headers }, 'nonce_reused');
    // Even a differently-signed request may not reuse the nonce.
    expect401(await c.get('/tasks', { nonce: 'replay-me-0001' }), 'nonce_reused');
  });

  it('refuses expired, future, and over-300 s signatures', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect401(await c.get('/tasks', { now: now - 400, ttl: 60 }), 'signature_expired');
    expect401(await c.get('/tasks', { now: now + 120 }), 'signature_not_yet_valid');
    const long = await c.get('/tasks', {
      tamper: (h) => ({ ...h, 'Signature-Input': h['Signature-Input']!.replace(/expires=(\d+)/, (_m, e) => `expires=${Number(e) + 400}`) }),
    });
    expect401(long, 'validity_too_long');
  });

  it('binds the body, the query and the authority', async () => {
    expect401(await c.post('/tasks', taskBody(), { swapBody: JSON.stringify(taskBody({ bounty_usd: 9 })) }), 'content_digest_mismatch');
    expect401(await c.post('/tasks', taskBody(), { tamper: (h) => { const { 'Content-Digest': _d, ...rest } = h; return rest; } }), 'content_digest_required');
    // Signed without the query, sent with one.
    const url = `${sim.url}${API}/tasks`;
    const headers = await signedHeaders(w, 'GET', url, null);
    const r = await fetch(`${url}?limit=2`, { headers });
    expect401({ status: r.status, body: await r.json(), headers: r.headers }, 'missing_component');
    // A Host that is not this simulator (signed for it) is authority_not_allowed.
    const foreign = await signedHeaders(w, 'GET', `http://api.execution.market${API}/tasks`, null);
    const out = await new Promise<{ status: number; body: any; headers: Headers }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: sim.port, path: `${API}/tasks`, headers: { ...foreign, Host: 'api.execution.market' } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), headers: new Headers(res.headers as Record<string, string>) }));
      });
      req.on('error', reject);
      req.end();
    });
    expect401(out, 'authority_not_allowed');
  });

  it('keyid must match the signer and name a supported chain; half a signature is 401', async () => {
    const other = newWallet();
    const swapped = await c.get('/tasks', { tamper: (h) => ({ ...h, 'Signature-Input': h['Signature-Input']!.replace(w.address.toLowerCase(), other.address.toLowerCase()) }) });
    expect401(swapped, 'signature_invalid');
    const url = `${sim.url}${API}/tasks`;
    const { headers } = await signRequest({ method: 'GET', url, chainId: 137, signer: w.account, now: Math.floor(Date.now() / 1000), nonce: 'polygon-nonce-1' });
    const r = await fetch(url, { headers: { ...headers } });
    expect401({ status: r.status, body: await r.json(), headers: r.headers }, 'unsupported_chain');
    expect401(await c.get('/tasks', { tamper: (h) => { const { Signature: _s, ...rest } = h; return rest; } }), 'signature_incomplete');
    // A failed signature never falls through to anonymous, even on a public read.
    expect401(await c.get('/tasks/available', { tamper: (h) => ({ ...h, Signature: 'eth=:AAAA:' }) }), 'signature_invalid');
  });

  it('worker writes must be signed by the executor’s own wallet (403 otherwise)', async () => {
    const t = (await c.post('/tasks', taskBody())).body;
    const wk = await worker(sim);
    const impostor = sim.client(newWallet());
    const r = await impostor.post(`/tasks/${t.id}/apply`, { executor_id: wk.executorId });
    expect(r.status).toBe(403);
    expect(r.body.detail.code).toBe('executor_identity_mismatch');
    // The publisher cannot apply on a worker's behalf either (there is no assignee yet).
    expect((await c.post(`/tasks/${t.id}/apply`, { executor_id: wk.executorId })).status).toBe(403);
    expect((await wk.c.post(`/tasks/${t.id}/apply`, { executor_id: wk.executorId })).status).toBe(200);
    expect((await impostor.post(`/tasks/${t.id}/withdraw`, { executor_id: wk.executorId })).status).toBe(403);
  });
});
