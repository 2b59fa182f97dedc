// A fire-time gate built straight from facts, for callers without the desk's store (tests, the benchmark,
// a headless engine): the same core gate (core/gate.ts evaluate) over a GateInput assembled from the fresh
// read the engine just made, the network the market reported, the wallet's balance and the spend so far.
// The desk passes its own gate instead (store/gate-state.ts judge over its state), never this one.
import { evaluate, type GateResult } from '../../core/gate.js';
import type { GateInput, IntendedNetwork, NetworkSeen } from '../../core/gate-input.js';
import type { Intent } from '../../core/intent.js';
import type { Address } from '../../core/types.js';
import type { FreshRead } from './types.js';

export interface PlainGateFacts {
  wallet: Address;
  intended: IntendedNetwork;
  apiUrl: string;
  /** What the market's network answer said, and when (wall ms); null = never fetched. */
  seen: () => { network: NetworkSeen; fetchedAt: number } | null;
  balance: () => { value: bigint; fetchedAt: number } | null;
  spend: () => GateInput['spend'];
  /** Market and wall time (ms). */
  now: () => number;
  wallNow: () => number;
  readonly?: () => boolean;
  stops?: (intent: Intent) => GateInput['stops'];
}

export function createPlainGate(f: PlainGateFacts): (intent: Intent, fresh: FreshRead) => GateResult {
  return (intent, fresh) => {
    const seen = f.seen();
    const balance = f.balance();
    return evaluate({
      intent,
      now: f.now(),
      wallNow: f.wallNow(),
      readonly: f.readonly?.() ?? false,
      network: {
        intended: f.intended,
        confirmed: true,
        intendedApiUrl: f.apiUrl,
        apiUrl: f.apiUrl,
        seen: seen?.network ?? null,
        seenFetchedAt: seen?.fetchedAt ?? null,
        mismatch: null,
      },
      task: { value: fresh.task, fetchedAt: fresh.fetchedAt, lastFetchOk: true, lastError: null },
      wallet: { address: f.wallet, balance: balance?.value ?? null, balanceFetchedAt: balance?.fetchedAt ?? null },
      spend: f.spend(),
      // The operator approved when arming; every other check is judged now.
      approved: true,
      stops: f.stops?.(intent) ?? { contractRejected: null, stateDisagrees: null },
    });
  };
}
