// The signed edge as it goes over the wire: ERC-8128 on every request through core/erc8128 (keyid
// erc8128:<chain>:<address>, @query with a query, content-digest with a body, a fresh nonce each time,
// validity ≤ 300 s), accepted by the simulator's verifier; unsigned public reads; the WebSocket upgrade signed alike.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSignatureInput, signatureParamsOf } from '../../src/core/erc8128.js';
import { browse, getConfig, getTask, listMine, publish } from '../../src/markets/execution-market/actions/index.js';
import { createEmClient } from '../../src/markets/execution-market/client.js';
import { emClient, localWallet, startEmSim, TASK, type EmSim } from './helpers.js';

let sim: EmSim;
beforeAll(async () => {
  sim = await startEmSim();
});
afterAll(async () => {
  await sim?.close();
});

interface Seen {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string | null;
  status: number;
}

function recording() {
  const seen: Seen[] = [];
  const f: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    seen.push({ method: init?.method ?? 'GET', url: new URL(String(input)), headers, body: (init?.body as string | undefined) ?? null, status: res.status });
    return res;
  };
  return { f, seen };
}

describe('ERC-8128 on the wire', () => {
  it('every signed request: keyid, components, digest, fresh nonce, ≤ 300 s — and the simulator accepts each', async () => {
    const w = localWallet();
    const rec = recording();
    const c = emClient(sim, w, { fetch: rec.f, signatureTtlSeconds: 300 });
    const { task } = await publish(c, TASK);
    await getTask(c, { taskId: task.id });
    await listMine(c, {});
    await listMine(c, {});
    const signed = rec.seen.filter((s) => s.headers.signature);
    expect(signed).toHaveLength(4);
    const nonces = new Set<string>();
    for (const s of signed) {
      expect(s.status).toBeLessThan(300);
      const input = parseSignatureInput(s.headers['signature-input']!);
      const params = signatureParamsOf(input!)!;
      expect(params.keyid).toBe(`erc8128:84532:${w.lower}`);
      expect(params.expires - params.created).toBe(300);
      expect(params.nonce).toMatch(/^[0-9a-f]{32}$/);
      nonces.add(params.nonce);
      expect(input!.components.slice(0, 3)).toEqual(['@method', '@authority', '@path']);
      expect(input!.components.includes('@query')).toBe(s.url.search !== '');
      expect(input!.components.includes('content-digest')).toBe(s.body !== null);
      if (s.body !== null) expect(s.headers['content-digest']).toBe(`sha-256=:${createHash('sha256').update(s.body).digest('base64')}:`);
      expect(s.headers.signature).toMatch(/^eth=:[A-Za-z0-9+/]+={0,2}:$/);
    }
    expect(nonces.size).toBe(4);
    expect(() => createEmClient({ baseUrl: `${sim.url}/em`, signatureTtlSeconds: 301 })).toThrow(/1\.\.300/);
  });

  it('public routes go unsigned (no nonce spent); browse pages with limit/offset and X-Total-Count', async () => {
    const w = localWallet();
    const rec = recording();
    const c = emClient(sim, w, { fetch: rec.f });
    await getConfig(c);
    for (let i = 0; i < 3; i++) await publish(emClient(sim, w), { ...TASK, title: `Paged task number ${i}`, category: 'research' });
    const p1 = await browse(c, { category: 'research', limit: 2 });
    expect(p1).toMatchObject({ count: 2, offset: 0, total: 3, nextOffset: 2 });
    const p2 = await browse(c, { category: 'research', limit: 2, offset: p1.nextOffset! });
    expect(p2).toMatchObject({ count: 1, offset: 2, nextOffset: null });
    expect(new Set([...p1.tasks, ...p2.tasks].map((t) => t.em?.title)).size).toBe(3);
    expect(rec.seen.every((s) => s.headers.signature === undefined)).toBe(true);
  });

  it('a clock outside the server’s skew is refused with 401 signature_expired, read from detail.code', async () => {
    const w = localWallet();
    const late = emClient(sim, w, { now: () => Date.now() - 10 * 60_000 });
    await expect(listMine(late, {})).rejects.toMatchObject({ kind: 'auth', status: 401, code: 'signature_expired' });
  });
});
