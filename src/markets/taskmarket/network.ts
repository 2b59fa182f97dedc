// Which chain and USDC contract the desk expects to pay on, and the check that blocks the gate on a
// mismatch (DESIGN invariants; taskmarket-cli.md §3.5: the CLI hard-codes none of this, so we must).
import type { Address } from '../../core/types.js';
import type { NetworkInfo } from '../market.js';

export interface ExpectedNetwork {
  name: string;
  chainId: number;
  usdcAddress: Address;
  /** EIP-712 domain name of the USDC contract ("USD Coin" on Base mainnet, "USDC" on Base Sepolia). */
  usdcDomainName: string;
  /** When known, the only address the desk will pay (the market's server wallet). */
  payTo?: Address;
}

/** Production Base mainnet (taskmarket-cli.md §3.5, @x402/evm asset table). */
export const BASE_MAINNET: ExpectedNetwork = {
  name: 'base',
  chainId: 8453,
  usdcAddress: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
  usdcDomainName: 'USD Coin',
};

/** Base Sepolia, the chain the local simulator pretends to be (x402-local-payments.md §2: MockUSDC at the canonical address). */
export const BASE_SEPOLIA: ExpectedNetwork = {
  name: 'base-sepolia',
  chainId: 84532,
  usdcAddress: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
  usdcDomainName: 'USDC',
};

/** The simulator's expected network; the sim serves Base Sepolia ids so real x402 tables accept it. */
export const SIM_NETWORK: ExpectedNetwork = BASE_SEPOLIA;

/** null when `actual` is the expected network, else a one-line reason the gate shows. */
export function checkNetwork(expected: Pick<ExpectedNetwork, 'chainId' | 'usdcAddress' | 'name'>, actual: NetworkInfo): string | null {
  if (actual.chainId !== expected.chainId) {
    return `Network mismatch: market is on chain ${actual.chainId} (${actual.networkName}), desk expects chain ${expected.chainId} (${expected.name})`;
  }
  if (actual.usdcAddress.toLowerCase() !== expected.usdcAddress.toLowerCase()) {
    return `USDC contract mismatch on chain ${actual.chainId}: market uses ${actual.usdcAddress}, desk expects ${expected.usdcAddress}`;
  }
  return null;
}
