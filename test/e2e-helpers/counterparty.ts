// The other side of the desk's trades: fresh wallets that create tasks, submit, pitch, bid, accept and
// rate over real HTTP with real x402 payments (the markets writer, as test/markets/sim-flows.test.ts
// drives it), so the desk meets every state of every mode the way it would on a live market.
import { randomUUID } from 'node:crypto';
import type { Address } from '../../src/core/types.js';
import { createTaskmarketReader, createTaskmarketWriter, privateKeySigner, SIM_NETWORK, type TaskmarketReader, type TaskmarketWriter } from '../../src/markets/taskmarket/index.js';
import { paidPost, newWallet, type Wallet } from '../helpers/x402.js';
import type { ActSim } from './act-sim.js';

export interface Party {
  wallet: Wallet;
  address: Address;
  writer: TaskmarketWriter;
  reader: TaskmarketReader;
  /** One small text file as a submission (request-upload-url → PUT → from-keys, paid past the allowance). */
  submit(taskId: string, text?: string): Promise<string>;
  /** POST /api/tasks/:id/evaluator (x402, requester only): windows in hours. */
  assignEvaluator(taskId: string, evaluator: Address, o?: { evaluationWindowHours?: number; appealWindowHours?: number }): Promise<void>;
}

/** A fresh wallet funded from the faucet, acting over HTTP. */
export async function party(sim: ActSim, fund = 50_000_000n, wallet: Wallet = newWallet()): Promise<Party> {
  if (fund > 0n) await sim.faucet(wallet.address, fund);
  const signer = privateKeySigner(wallet.privateKey);
  const writer = createTaskmarketWriter({ apiUrl: sim.url, signer, network: SIM_NETWORK });
  const reader = createTaskmarketReader({ apiUrl: sim.url, signer });
  return {
    wallet,
    address: wallet.address,
    writer,
    reader,
    async submit(taskId, text = `work ${randomUUID()}`) {
      const r = await writer.submit({ taskId, files: [{ fileName: 'work.txt', mimeType: 'text/plain', data: new TextEncoder().encode(text) }], role: 'final' });
      return r.submissionId;
    },
    async assignEvaluator(taskId, evaluator, o = {}) {
      const r = await paidPost(sim.url, `/api/tasks/${taskId}/evaluator`, { taskId, evaluator, evaluationWindowHours: o.evaluationWindowHours ?? 1, appealWindowHours: o.appealWindowHours ?? 1 }, wallet.privateKey);
      if (r.status !== 200) throw new Error(`assign evaluator: ${r.status} ${JSON.stringify(r.body)}`);
    },
  };
}

/** Create-task bodies for POST /sim/seed, every mode and auction type (amounts in base-unit strings). */
export const SEED = {
  bounty: (reward = '1000000', extra: Record<string, unknown> = {}) => ({ description: 'seeded bounty', reward, mode: 'bounty', duration: 24, ...extra }),
  claim: (reward = '1000000', extra: Record<string, unknown> = {}) => ({ description: 'seeded claim', reward, mode: 'claim', duration: 24, ...extra }),
  pitch: (reward = '2000000', extra: Record<string, unknown> = {}) => ({ description: 'seeded pitch', reward, mode: 'pitch', duration: 24, pitchDeadline: 12, ...extra }),
  benchmark: (reward = '2000000', extra: Record<string, unknown> = {}) => ({ description: 'seeded benchmark', reward, mode: 'benchmark', duration: 24, metricDescription: 'latency ms', ...extra }),
  dutch: (reward = '5000000', floor = '1000000', bidHours = 1) => ({ description: 'seeded dutch', reward, maxPrice: reward, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: floor, bidDeadline: bidHours, duration: 24 }),
  reverseDutch: (reward = '3000000', start = '1000000', bidHours = 1) => ({ description: 'seeded reverse dutch', reward, maxPrice: reward, mode: 'auction', auctionType: 'reverse_dutch', auctionStartPrice: start, bidDeadline: bidHours, duration: 24 }),
  english: (reward = '3000000', bidHours = 1) => ({ description: 'seeded english', reward, maxPrice: reward, mode: 'auction', auctionType: 'english', bidDeadline: bidHours, duration: 24 }),
  reverseEnglish: (reward = '3000000', bidHours = 1) => ({ description: 'seeded reverse english', reward, maxPrice: reward, mode: 'auction', auctionType: 'reverse_english', bidDeadline: bidHours, duration: 24 }),
};
