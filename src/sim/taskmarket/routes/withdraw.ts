// POST /api/wallet/withdraw (taskmarket-backend.md §1.10 wallet.router; taskmarket-cli.md §1.3, §2.3): not
// x402 — the body carries an EIP-3009 TransferWithAuthorization from the wallet to its registered withdrawal
// address under the USDC domain GET /api/wallet/withdrawal-address serves. Checked like the backend (from
// matches, to == registered, value == amountBaseUnits, validBefore > now+6 s), plus the signature, a single-use
// nonce and the balance; then the amount leaves the ledger for that address. Error texts are the sim's own
// where the reference gives none. A repeated idempotency key with the same body replays the first answer.
import { recoverTypedDataAddress, type Hex } from 'viem';
import { z } from 'zod';
import { accountsOf } from '../accounts/accounts.js';
import { writeRoute } from '../idempotency.js';
import { ok, trpcError, type Route } from '../../router.js';
import { noteActor, type Sim } from '../../sim.js';
import { TRANSFER_WITH_AUTHORIZATION, usdcDomain } from '../x402.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const DIGITS = /^[0-9]{1,78}$/;
const VALID_BEFORE_MARGIN_S = 6n;

const schema = z.object({
  from: z.string().regex(ADDRESS, 'Invalid from address'),
  amountBaseUnits: z.string().regex(DIGITS, 'amountBaseUnits must be a base-unit integer string'),
  authorization: z.object({
    from: z.string().regex(ADDRESS, 'Invalid authorization.from'),
    to: z.string().regex(ADDRESS, 'Invalid authorization.to'),
    value: z.string().regex(DIGITS, 'Invalid authorization.value'),
    validAfter: z.string().regex(DIGITS, 'Invalid authorization.validAfter'),
    validBefore: z.string().regex(DIGITS, 'Invalid authorization.validBefore'),
    nonce: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'Invalid authorization.nonce'),
  }),
  signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/, 'Invalid signature'),
});

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

async function signer(sim: Sim, a: z.infer<typeof schema>['authorization'], signature: string): Promise<string | null> {
  try {
    return await recoverTypedDataAddress({
      domain: usdcDomain(sim),
      types: { TransferWithAuthorization: TRANSFER_WITH_AUTHORIZATION },
      primaryType: 'TransferWithAuthorization',
      message: {
        from: a.from as `0x${string}`,
        to: a.to as `0x${string}`,
        value: BigInt(a.value),
        validAfter: BigInt(a.validAfter),
        validBefore: BigInt(a.validBefore),
        nonce: a.nonce as Hex,
      },
      signature: signature as Hex,
    });
  } catch {
    return null;
  }
}

export const routes: Route<Sim>[] = [
  writeRoute({
    path: '/api/wallet/withdraw',
    schema,
    async handle(body, req, sim) {
      const a = body.authorization;
      if (!same(a.from, body.from)) return trpcError(400, 'Authorization from does not match the withdrawing wallet');
      const registered = accountsOf(sim).agent(body.from)?.withdrawalAddress ?? null;
      if (!registered) return trpcError(412, 'No withdrawal address set. Run: taskmarket wallet set-withdrawal-address <address>');
      if (!same(a.to, registered)) return trpcError(400, 'Authorization recipient must be the registered withdrawal address');
      if (a.value !== body.amountBaseUnits) return trpcError(400, 'Authorization value does not match amountBaseUnits');
      const amount = BigInt(body.amountBaseUnits);
      if (amount <= 0n) return trpcError(400, 'Withdrawal amount must be greater than zero');
      const nowS = BigInt(Math.floor(sim.wall.now() / 1000));
      if (BigInt(a.validBefore) < nowS + VALID_BEFORE_MARGIN_S) return trpcError(400, 'Withdrawal authorization has expired');
      if (BigInt(a.validAfter) > nowS) return trpcError(400, 'Withdrawal authorization is not valid yet');
      const recovered = await signer(sim, a, body.signature);
      if (!recovered) return trpcError(400, 'Invalid signature');
      if (!same(recovered, body.from)) return trpcError(401, 'Signature does not match wallet address');
      noteActor(req, recovered);
      // From here on one tick: the nonce and the balance cannot change between the check and the move.
      if (sim.ledger.isNonceUsed(body.from, a.nonce)) return trpcError(409, 'Authorization nonce already used');
      const balance = sim.ledger.balanceOf(body.from);
      if (balance < amount) return trpcError(400, `Insufficient balance: ${balance} base units available, ${amount} requested`);
      sim.ledger.useNonce(body.from, a.nonce);
      sim.ledger.transfer(body.from, registered, amount);
      sim.changed();
      return ok({ txHash: sim.txHash(), amountBaseUnits: amount.toString(), to: registered });
    },
  }),
];
