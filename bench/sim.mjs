// Simulator benchmark (npm run bench:sim, after npm run build). The simulator runs in a child process
// (import of ../dist/sim/server.js) so the load generator does not share its event loop.
//  1. GET /api/tasks/{id} throughput over N concurrent keep-alive connections for ~5 s.
//  2. 200 concurrent x402-paid auction-accepts from 200 distinct funded wallets on one dutch task:
//     exactly one winner, every other caller gets the backend's refusal; p50/p99 latency of the exchange.
//  3. Execution Market (/em): GET /tasks/available (20 rows of ~200 published tasks) and GET /tasks/{id}
//     throughput, unsigned, on the same keep-alive loop; then assign-with-escrow ×EM_ASSIGNS from distinct
//     publishers at once, each the whole client exchange (signed challenge GET, EIP-712 signature, signed assign
//     POST with X-Payment-Auth): every one accepted with its bounty locked, p50/p99 of the exchange.
//     The EM per-wallet rate limit is off in the bench sim (setup publishes 200 tasks from one wallet).
import { fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const ACCEPTORS = Number(process.env.BENCH_ACCEPTORS ?? 200);
const EM_TASKS = Number(process.env.BENCH_EM_TASKS ?? 200);
const EM_ASSIGNS = Number(process.env.BENCH_EM_ASSIGNS ?? 100);
const EM = '/em/api/v1';

if (process.argv[2] === '--serve') {
  const { startSim } = await import('../dist/sim/server.js');
  const sim = await startSim({ port: 0, em: { rateLimitPerMinute: 0 } });
  process.send?.({ url: sim.url });
  process.on('message', async (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    if (m === 'stop') {
      await sim.close();
      process.exit(0);
    }
  });
} else {
  await main();
}

async function main() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const url = await new Promise((resolve, reject) => {
    child.once('message', (m) => resolve(m.url));
    child.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
  });
  try {
    const rows = [];
    const requester = wallet();
    await faucet(url, requester.address, 1_000_000_000n);
    // A realistic detail target: an english auction with a few bids.
    const english = await paid(url, '/api/tasks', { description: 'bench target', reward: '5000000', duration: 24, tags: ['bench'], mode: 'auction', auctionType: 'english', maxPrice: '5000000', bidDeadline: 12 }, requester);
    const taskId = english.body.taskId;
    for (let i = 0; i < 5; i += 1) {
      const w = wallet();
      await faucet(url, w.address, 10_000n);
      await paid(url, `/api/tasks/${taskId}/bids`, { taskId, price: String(4_000_000 - i * 1000) }, w);
    }
    const cpu0 = await serverCpu(child);
    const get = await throughput(url, `/api/tasks/${taskId}`, CONNECTIONS, DURATION_MS);
    const cpu1 = await serverCpu(child);
    // Server CPU per request: a figure that does not depend on how busy the rest of the machine is.
    const cpuUs = (cpu1.user + cpu1.system - cpu0.user - cpu0.system) / Math.max(1, get.count);
    rows.push(['GET /api/tasks/{id}', `${CONNECTIONS} keep-alive conns, ${(get.ms / 1000).toFixed(1)} s`, `${get.rps.toFixed(0)} req/s`, `p50 ${get.p50.toFixed(2)} ms`, `p99 ${get.p99.toFixed(2)} ms`, get.errors ? `${get.errors} errors` : 'ok', get.rps >= 2000 ? 'goal ≥2000/s met' : 'BELOW goal 2000/s']);
    rows.push(['  server CPU / request', `${get.count} requests`, `${cpuUs.toFixed(0)} µs CPU`, '', '', `≈ ${(1e6 / cpuUs).toFixed(0)} req/s per free core`, `load avg ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores`]);

    const acc = await acceptRace(url, requester, ACCEPTORS);
    rows.push([`POST /bids/accept ×${ACCEPTORS}`, `${ACCEPTORS} wallets at once, x402 both legs`, `${acc.winners} winner`, `p50 ${acc.p50.toFixed(1)} ms`, `p99 ${acc.p99.toFixed(1)} ms`, `${acc.refused} refused "${acc.refusal}"`, acc.ok ? 'exactly one winner: ok' : 'FAILED']);

    const em = await emBench(url);
    for (const [name, r] of [['EM GET /tasks/available', em.browse], ['EM GET /tasks/{id}', em.read]]) {
      rows.push([name, `${CONNECTIONS} keep-alive conns, ${(r.ms / 1000).toFixed(1)} s`, `${r.rps.toFixed(0)} req/s`, `p50 ${r.p50.toFixed(2)} ms`, `p99 ${r.p99.toFixed(2)} ms`, r.errors ? `${r.errors} errors` : 'ok', `next to Taskmarket's ${get.rps.toFixed(0)} req/s`]);
    }
    const as = em.assign;
    rows.push([`EM assign with escrow ×${EM_ASSIGNS}`, `${EM_ASSIGNS} publishers at once, challenge+sign+assign`, `${as.accepted} accepted`, `p50 ${as.p50.toFixed(1)} ms`, `p99 ${as.p99.toFixed(1)} ms`, `${as.locked} base units locked`, as.ok ? 'every bounty locked: ok' : 'FAILED']);
    printTable(['case', 'load', 'result', 'p50', 'p99', 'outcome', 'check'], rows);
    if (!acc.ok || !as.ok) process.exitCode = 1;
  } finally {
    child.send('stop');
    await new Promise((r) => child.once('exit', r));
  }
}

function serverCpu(child) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m && m.cpu) {
        child.off('message', on);
        resolve(m.cpu);
      }
    };
    child.on('message', on);
    child.send('cpu');
  });
}

function wallet() {
  const privateKey = generatePrivateKey();
  return { privateKey, account: privateKeyToAccount(privateKey), address: privateKeyToAccount(privateKey).address };
}

async function faucet(url, address, amount) {
  const r = await fetch(`${url}/sim/faucet`, { method: 'POST', body: JSON.stringify({ address, amount: amount.toString() }) });
  if (r.status !== 200) throw new Error(`faucet ${r.status}`);
}

/** The official CLI's two-leg exchange (taskmarket-cli.md §2.1). */
async function paid(url, path, body, w) {
  const headers = { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': randomUUID() };
  const payload = JSON.stringify(body);
  const r1 = await fetch(`${url}${path}`, { method: 'POST', headers, body: payload });
  if (r1.status !== 402) return { status: r1.status, body: await r1.json() };
  const challenge = await r1.json();
  const accept = challenge.accepts[0];
  const now = Math.floor(Date.now() / 1000);
  const authorization = { from: w.address, to: accept.payTo, value: accept.amount, validAfter: String(now - 60), validBefore: String(now + accept.maxTimeoutSeconds), nonce: `0x${randomBytes(32).toString('hex')}` };
  const signature = await w.account.signTypedData({ domain: accept.extra.eip712.domain, types: accept.extra.eip712.types, primaryType: accept.extra.eip712.primaryType, message: authorization });
  const header = Buffer.from(JSON.stringify({ x402Version: 2, resource: challenge.resource, accepted: accept, payload: { authorization, signature } })).toString('base64');
  const r2 = await fetch(`${url}${path}`, { method: 'POST', headers: { ...headers, 'payment-signature': header }, body: payload });
  return { status: r2.status, body: await r2.json() };
}

function throughput(base, path, connections, durationMs) {
  // (EM rows use the same loop: unsigned public reads.)
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const { hostname, port } = new URL(base);
  const lat = [];
  let done = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + durationMs;
  const one = () =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = request({ hostname, port, path, agent, method: 'GET' }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          if (res.statusCode === 200) done += 1;
          else errors += 1;
          lat.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end();
    });
  const loop = async () => {
    while (performance.now() < deadline) await one();
  };
  return Promise.all(Array.from({ length: connections }, loop)).then(() => {
    const ms = performance.now() - start;
    agent.destroy();
    return { ms, count: done + errors, rps: (done / ms) * 1000, errors, ...percentiles(lat) };
  });
}

async function acceptRace(url, requester, n) {
  const created = await paid(url, '/api/tasks', { description: 'bench dutch', reward: '10000000', duration: 24, tags: [], mode: 'auction', auctionType: 'dutch', maxPrice: '10000000', auctionFloorPrice: '1000000', bidDeadline: 2 }, requester);
  const taskId = created.body.taskId;
  const workers = Array.from({ length: n }, wallet);
  for (const w of workers) await faucet(url, w.address, 10_000n);
  const lat = [];
  const results = await Promise.all(
    workers.map(async (w) => {
      const t0 = performance.now();
      const r = await paid(url, `/api/tasks/${taskId}/bids/accept`, { taskId }, w);
      lat.push(performance.now() - t0);
      return r;
    }),
  );
  const winners = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status !== 200);
  const texts = new Set(refused.map((r) => `${r.status} ${r.body?.error}`));
  const detail = await (await fetch(`${url}/api/tasks/${taskId}`)).json();
  const ok =
    winners.length === 1 &&
    refused.every((r) => r.status === 400 && r.body?.error === 'Task is not open') &&
    detail.status === 'claimed' &&
    detail.claimedBy === winners[0].body.workerAddress;
  return { winners: winners.length, refused: refused.length, refusal: [...texts].join(' | '), ok, ...percentiles(lat) };
}

function percentiles(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (p) => (s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))] : NaN);
  return { p50: at(0.5), p99: at(0.99) };
}

function printTable(head, rows) {
  const all = [head, ...rows].map((r) => r.map(String));
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(all[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of all.slice(1)) console.log(line(r));
}

// ---- Execution Market ------------------------------------------------------------------------------------


async function emSigned(url, w, method, path, body, headers = {}) {
  const { signRequest } = await import('../dist/core/erc8128.js');
  const target = `${url}${EM}${path}`;
  const text = body === undefined ? null : JSON.stringify(body);
  const signed = await signRequest({ method, url: target, body: text, chainId: 84532, signer: w.account, now: Math.floor(Date.now() / 1000), nonce: randomBytes(12).toString('hex') });
  const r = await fetch(target, { method, headers: { ...(text ? { 'content-type': 'application/json' } : {}), ...headers, ...signed.headers }, body: text ?? undefined });
  return { status: r.status, body: await r.json() };
}

function emTask(i) {
  return { title: `[KK Request] bench ${i}`, instructions: 'Benchmark task: deliver a JSON document with the requested records.', category: 'knowledge_access', bounty_usd: 0.05, deadline_hours: 24, evidence_required: ['json_response'] };
}

async function emWorker(url) {
  const w = wallet();
  const r = await fetch(`${url}${EM}/workers/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ wallet_address: w.address }) });
  return { ...w, executorId: (await r.json()).data.executor_id };
}

async function emBench(url) {
  const publisher = wallet();
  let target = null;
  for (let i = 0; i < EM_TASKS; i += 1) {
    const r = await emSigned(url, publisher, 'POST', '/tasks', emTask(i));
    if (r.status !== 201) throw new Error(`EM publish ${r.status} ${JSON.stringify(r.body)}`);
    target = r.body.id;
  }
  const browse = await throughput(url, `${EM}/tasks/available?limit=20`, CONNECTIONS, DURATION_MS);
  const read = await throughput(url, `${EM}/tasks/${target}`, CONNECTIONS, DURATION_MS);

  // One task per publisher, one applicant each, then every assign at once.
  const pairs = [];
  for (let i = 0; i < EM_ASSIGNS; i += 1) {
    const p = wallet();
    await faucet(url, p.address, 100_000n);
    const id = (await emSigned(url, p, 'POST', '/tasks', emTask(i))).body.id;
    const w = await emWorker(url);
    const a = await emSigned(url, w, 'POST', `/tasks/${id}/apply`, { executor_id: w.executorId });
    if (a.status !== 200) throw new Error(`EM apply ${a.status}`);
    pairs.push({ p, w, id });
  }
  const lat = [];
  const results = await Promise.all(
    pairs.map(async ({ p, w, id }) => {
      const t0 = performance.now();
      const ch = await emSigned(url, p, 'GET', `/tasks/${id}/assign/challenge?executor_id=${w.executorId}`);
      const { typedData, paymentInfo } = ch.body;
      const signature = await p.account.signTypedData({ domain: typedData.domain, types: typedData.types, primaryType: typedData.primaryType, message: typedData.message });
      const header = Buffer.from(JSON.stringify({ x402Version: 2, payload: { authorization: typedData.message, signature }, paymentInfo })).toString('base64');
      const r = await emSigned(url, p, 'POST', `/tasks/${id}/assign`, { executor_id: w.executorId }, { 'X-Payment-Auth': header });
      lat.push(performance.now() - t0);
      return r;
    }),
  );
  const ledger = await (await fetch(`${url}/sim/ledger`)).json();
  const locked = pairs.reduce((s, { id }) => s + BigInt(ledger.escrows[`em:${id}`] ?? '0'), 0n);
  const accepted = results.filter((r) => r.status === 200 && r.body?.data?.status === 'accepted').length;
  return { browse, read, assign: { accepted, locked, ok: accepted === EM_ASSIGNS && locked === BigInt(EM_ASSIGNS) * 50_000n, ...percentiles(lat) } };
}
