// Device registration and the device-key server (taskmarket-backend.md §1.10, §6.4; taskmarket-cli.md §3.3).
// The CLI calls these with raw fetch and no idempotency key (§0.2), so they are plain routes.
import { z } from 'zod';
import { accountsOf, DeviceAuthError } from '../accounts/accounts.js';
import { checkSignature } from '../modes/signatures.js';
import { ok, trpcError, type Route, type SimReply } from '../../router.js';
import { noteActor, type Sim } from '../../sim.js';
import { parseInput } from '../idempotency.js';

const RegisterSchema = z.object({
  walletAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'Invalid wallet address'),
  signature: z.string().min(1, 'Signature is required'),
  publicKey: z.string().optional(),
});
const KeySchema = z.object({ deviceId: z.string().min(1), apiToken: z.string().min(1) });

/** A thrown plain Error in the devices router surfaces as HTTP 500 (§5.3 producer 3). */
function deviceError(err: unknown): SimReply {
  if (err instanceof DeviceAuthError) return trpcError(500, err.message);
  throw err;
}

const bad = (message: string): SimReply => ({ status: 400, body: { message, code: 'BAD_REQUEST' } });

export const routes: Route<Sim>[] = [
  {
    method: 'POST',
    path: '/api/devices',
    async handle(req, sim) {
      const input = parseInput(RegisterSchema, req);
      if (!input.ok) return bad(input.message);
      const { walletAddress, signature, publicKey } = input.value;
      // §6.2: the latest backend requires `taskmarket:device-register:<wallet lower>` signed by the wallet.
      const check = await checkSignature(
        `taskmarket:device-register:${walletAddress.toLowerCase()}`,
        signature,
        walletAddress,
        'wallet',
      );
      if (!check.ok) return trpcError(check.status, check.message);
      noteActor(req, check.signer);
      return ok(accountsOf(sim).registerDevice(walletAddress, publicKey ?? null));
    },
  },
  {
    method: 'POST',
    path: '/api/devices/:deviceId/key',
    handle(req, sim) {
      const input = parseInput(KeySchema, req);
      if (!input.ok) return bad(input.message);
      try {
        const device = accountsOf(sim).authDevice(input.value.deviceId, input.value.apiToken);
        return ok({ deviceEncryptionKey: accountsOf(sim).deviceKey(device.id) });
      } catch (err) {
        return deviceError(err);
      }
    },
  },
  {
    method: 'GET',
    path: '/api/devices/:deviceId/status',
    handle(req, sim) {
      const token = req.query.get('apiToken') ?? req.headers['x-taskmarket-api-token'];
      try {
        const device = accountsOf(sim).authDevice(req.params.deviceId, token);
        return ok({ walletAddress: device.walletAddress, active: device.revokedAt === null });
      } catch (err) {
        return deviceError(err);
      }
    },
  },
];
