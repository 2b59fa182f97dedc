// Simulator-only controls used by the e2e tests (src/sim/admin.ts): not part of Taskmarket.

/** Mint USDC base units to an address through POST /sim/faucet. */
export async function fundWallet(baseUrl: string, address: string, amount: bigint): Promise<bigint> {
  const r = await fetch(`${baseUrl}/sim/faucet`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ address, amount: amount.toString() }),
  });
  const body = (await r.json()) as { balance?: string; error?: string };
  if (r.status !== 200 || body.balance === undefined) throw new Error(`faucet failed: ${r.status} ${JSON.stringify(body)}`);
  return BigInt(body.balance);
}
