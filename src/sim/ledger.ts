// The simulated USDC ledger: wallet balances and per-task escrows, all bigint base units. Every
// method is synchronous so a check-and-move happens inside one tick (no interleaving requests).
import type { LedgerState } from './state.js';

export class LedgerError extends Error {
  override name = 'LedgerError';
}

const key = (address: string) => address.toLowerCase();

export class Ledger {
  constructor(
    private readonly s: LedgerState,
    /** The platform wallet every x402 payment is made out to (payTo). */
    readonly platform: string,
    private readonly onChange: () => void = () => {},
  ) {}

  balanceOf(address: string): bigint {
    return this.s.balances[key(address)] ?? 0n;
  }

  escrowOf(taskId: string): bigint {
    return this.s.escrows[taskId] ?? 0n;
  }

  /** Mint (faucet). */
  credit(address: string, amount: bigint): void {
    if (amount < 0n) throw new LedgerError('Negative amount');
    this.s.balances[key(address)] = this.balanceOf(address) + amount;
    this.onChange();
  }

  /** Wallet → wallet. Throws when `from` cannot cover it. */
  transfer(from: string, to: string, amount: bigint): void {
    this.debit(from, amount);
    this.s.balances[key(to)] = this.balanceOf(to) + amount;
    this.onChange();
  }

  /** Wallet → task escrow. */
  fund(taskId: string, from: string, amount: bigint): void {
    this.debit(from, amount);
    this.s.escrows[taskId] = this.escrowOf(taskId) + amount;
    this.onChange();
  }

  /** Task escrow → wallet. Throws when the escrow cannot cover it. */
  release(taskId: string, to: string, amount: bigint): void {
    const held = this.escrowOf(taskId);
    if (amount < 0n || held < amount) throw new LedgerError(`Escrow of ${taskId} cannot cover ${amount}`);
    this.s.escrows[taskId] = held - amount;
    this.s.balances[key(to)] = this.balanceOf(to) + amount;
    this.onChange();
  }

  /** Everything left in the escrow → wallet; returns the amount moved. */
  releaseAll(taskId: string, to: string): bigint {
    const held = this.escrowOf(taskId);
    if (held > 0n) this.release(taskId, to, held);
    return held;
  }

  isNonceUsed(from: string, nonce: string): boolean {
    return this.s.usedNonces[`${key(from)}:${nonce.toLowerCase()}`] === true;
  }

  useNonce(from: string, nonce: string): void {
    this.s.usedNonces[`${key(from)}:${nonce.toLowerCase()}`] = true;
    this.onChange();
  }

  /** All balances and escrows with bigint as strings (GET /sim/ledger). */
  snapshot(): { platform: string; balances: Record<string, string>; escrows: Record<string, string> } {
    const strings = (r: Record<string, bigint>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.toString()]));
    return { platform: this.platform, balances: strings(this.s.balances), escrows: strings(this.s.escrows) };
  }

  private debit(address: string, amount: bigint): void {
    if (amount < 0n) throw new LedgerError('Negative amount');
    const bal = this.balanceOf(address);
    if (bal < amount) throw new LedgerError(`Insufficient balance: ${address} has ${bal}, needs ${amount}`);
    this.s.balances[key(address)] = bal - amount;
  }
}
