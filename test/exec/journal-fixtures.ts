// Journal fixtures: a temp state dir, and a dutch auction-accept action written step by step.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Intent } from '../../src/core/intent.js';
import { intentRecord, stepRecord, type IntentRecord, type JournalRecord } from '../../src/exec/journal.js';

export const WALLET = '0xcf75a1b2c3d4e5f60718293a4b5c6d7e8f90afba' as const;
export const TASK = `0x62cb9f1${'a'.repeat(57)}`;
export const TX = `0x${'ab'.repeat(32)}`;
export const SIM_URL = 'http://127.0.0.1:4010';
export const NETWORK = { name: 'base-sepolia', chainId: 84532 };

export function tempDir(prefix = 'taskdesk-journal-'): { dir: string; path: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: join(dir, 'journal.jsonl'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function dutchIntent(over: Partial<Intent> = {}): Intent {
  return {
    market: 'taskmarket',
    action: 'auction_accept',
    taskId: TASK,
    role: 'worker',
    wallet: WALLET,
    agent: null,
    mode: 'auction',
    auctionType: 'dutch',
    amount: 1_200_000n,
    fee: 1_000n,
    spend: 1_001_000n,
    payee: null,
    score: null,
    params: { minPrice: 1_200_000n },
    ...over,
  };
}

/** Deterministic ids and times: action n gets ids starting 3f2a9c<n> (its key 9e8d7c<n>) and minute n. */
export function uuid(n: number, kind = 'a'): string {
  const hex = n.toString(16).padStart(2, '0');
  return `${kind === 'a' ? '3f2a9c' : '9e8d7c'}${hex}-7d4e-4a1b-9c2d-${n.toString(16).padStart(12, '0')}`;
}
export const at = (minute: number, second = 0): Date => new Date(Date.UTC(2026, 5, 22, 10, minute, second));

export function intentFor(n: number, over: Partial<Intent> = {}, extra: { shownPrice?: bigint; taskExpiresAt?: number } = {}): IntentRecord {
  return intentRecord(dutchIntent(over), {
    network: NETWORK,
    apiUrl: SIM_URL,
    executor: 'native',
    actionId: uuid(n),
    idempotencyKey: uuid(n, 'k'),
    at: at(n),
    ...extra,
  });
}

/** A complete dutch auction-accept: guard 1.2, shown 1.2, accepted 1.15, verified claimed by us. */
export function dutchAction(n: number): JournalRecord[] {
  const i = intentFor(n, {}, { shownPrice: 1_200_000n, taskExpiresAt: at(n).getTime() + 3 * 3_600_000 });
  return [
    i,
    stepRecord(i, 'approved', { confirmation: 'typed', phrase: '1.2', checks: [{ id: 'network', status: 'pass' }, { id: 'fresh', status: 'pass' }] }, at(n, 5)),
    stepRecord(i, 'sent', { attempt: 1 }, at(n, 6)),
    stepRecord(i, 'response', { ok: true, httpStatus: 200, result: { acceptedPrice: 1_150_000n, workerAddress: WALLET, txHash: TX } }, at(n, 7)),
    stepRecord(
      i,
      'verified',
      { expected: { status: 'claimed', ownerField: 'claimedBy', owner: WALLET }, observed: { status: 'claimed', ownerField: 'claimedBy', owner: WALLET, countDelta: { auctionBidCount: 1 } } },
      at(n, 9),
    ),
  ];
}
