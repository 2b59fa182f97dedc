// A simulator for the benchmark, in its own process so its CPU never counts against the desk:
//   node bench/lib/seed-sim.mjs --tasks 10000 --dutch 8 [--clock-hours 1]
// starts dist/sim/server.js startSim() on 127.0.0.1:0, writes the task rows straight into the sim's
// state (10,000 paid creates over x402 would take minutes and measure the sim, not the desk), and
// prints `taskdesk sim listening on URL` as its first line, then `seeded N` once the rows exist.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { REPO_ROOT } from './pty.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('tasks', 0);
const DUTCH = arg('dutch', 0);
// How long each dutch clock runs (the soak needs clocks still falling after 8 hours of ticks).
const CLOCK_HOURS = arg('clock-hours', 1);

const { startSim } = await import(pathToFileURL(join(REPO_ROOT, 'dist', 'sim', 'server.js')).href);
const running = await startSim({ port: 0 });
const sim = running.sim;

const USDC = 1_000_000n;
const hex = (s, n) => createHash('sha256').update(s).digest('hex').slice(0, n);
const addr = (s) => `0x${hex(`addr:${s}`, 40)}`;
const WORDS = ['translate', 'label', 'summarise', 'scrape', 'review', 'benchmark', 'audit', 'design', 'test', 'write'];
const OBJECTS = ['invoices', 'images', 'a README', 'product pages', 'a smart contract', 'logs', 'a dataset', 'tweets'];
const MODES = ['bounty', 'claim', 'pitch', 'benchmark'];

function record(i, now, overrides) {
  const id = `0x${hex(`task:${i}`, 64)}`;
  const reward = BigInt(1 + (i % 97)) * USDC + BigInt((i * 7919) % 1_000_000);
  return {
    id,
    referenceCode: `TM-${hex(`ref:${i}`, 8).toUpperCase()}`,
    requester: addr(`req:${i % 50}`),
    requesterPubkey: null,
    description: `#${i} ${WORDS[i % WORDS.length]} ${OBJECTS[i % OBJECTS.length]} (bench row ${i})`,
    reward,
    escrowTxHash: `0x${hex(`tx:${i}`, 64)}`,
    // Spread creation times so newest-first ordering is stable and distinct.
    createdAt: now - (N - i) * 1000,
    expiryTime: now + 7 * 24 * 3600_000,
    status: 'open',
    tags: [WORDS[i % WORDS.length]],
    mode: MODES[i % MODES.length],
    taskVisibility: 'public',
    submissionVisibility: 'public',
    accessPassword: null,
    allowedViewers: [],
    stakeRequired: false,
    stakeBps: 0,
    pitchDeadline: null,
    bidDeadline: null,
    maxPrice: null,
    auctionType: null,
    auctionStartPrice: null,
    auctionFloorPrice: null,
    metricDescription: null,
    metricTarget: null,
    hookContract: null,
    hookData: null,
    claimedBy: null,
    claimedAt: null,
    platformFeeBps: sim.config.platformFeeBps,
    cancelledAt: null,
    selfAward: false,
    taskDropId: null,
    evaluator: null,
    evaluatorStake: null,
    evaluatorFeeBps: null,
    evaluationWindow: null,
    appealWindow: null,
    disputeResolver: null,
    evaluatorDeadline: null,
    appealDeadline: null,
    verdictType: null,
    verdictScore: null,
    verdictConfidence: null,
    verdictEvidenceHash: null,
    ...overrides,
  };
}

function insert(rec) {
  sim.state.tasks[rec.id] = rec;
  sim.state.taskOrder.push(rec.id);
  sim.state.ledger.escrows[rec.id] = rec.reward;
}

const now = sim.now();
for (let i = 0; i < N; i++) insert(record(i, now, {}));
for (let d = 0; d < DUTCH; d++) {
  const max = BigInt(10 + d) * USDC;
  insert(
    record(N + d, now, {
      description: `dutch clock ${d + 1} (bench)`,
      createdAt: now - 60_000,
      reward: max,
      mode: 'auction',
      auctionType: 'dutch',
      maxPrice: max,
      auctionFloorPrice: USDC,
      // An hour-long clock: the price falls every millisecond, so every 1 s tick shows a new figure.
      bidDeadline: now + CLOCK_HOURS * 3600_000,
      expiryTime: now + Math.max(48, CLOCK_HOURS * 2) * 3600_000,
    }),
  );
}
sim.changed();

// Count the desk's requests (its polling load) and report the running total twice a second.
let requests = 0;
running.server.on('request', () => requests++);
setInterval(() => process.stdout.write(`requests ${requests}\n`), 500).unref();

process.stdout.write(`taskdesk sim listening on ${running.url}\n`);
process.stdout.write(`seeded ${N + DUTCH}\n`);
const keepAlive = setInterval(() => {}, 1 << 30);
const stop = () => {
  clearInterval(keepAlive);
  running.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
