// EIP-191 personal_sign checks for the free, signed routes (taskmarket-backend.md §6.2).
// The backend answers 400 "Invalid signature" when nothing can be recovered and
// 401 "Signature does not match <role> address" when the signer is someone else.
import { recoverMessageAddress, type Hex } from 'viem';

export type SignatureCheck = { ok: true; signer: string } | { ok: false; status: 400 | 401; message: string };

const SIG_HEX = /^0x[0-9a-fA-F]+$/;

/** Recover the signer of `message`; null when the signature is malformed or unrecoverable. */
export async function recoverSigner(message: string, signature: unknown): Promise<string | null> {
  if (typeof signature !== 'string' || !SIG_HEX.test(signature) || signature.length !== 132) return null;
  try {
    return await recoverMessageAddress({ message, signature: signature as Hex });
  } catch {
    return null;
  }
}

/** Check that `signature` over `message` was made by `expected` (case-insensitive address compare). */
export async function checkSignature(
  message: string,
  signature: unknown,
  expected: string,
  role: 'worker' | 'requester' | 'wallet',
): Promise<SignatureCheck> {
  const signer = await recoverSigner(message, signature);
  if (!signer) return { ok: false, status: 400, message: 'Invalid signature' };
  if (signer.toLowerCase() !== expected.toLowerCase()) {
    return { ok: false, status: 401, message: `Signature does not match ${role} address` };
  }
  return { ok: true, signer };
}

/** The signed messages the official CLI builds (taskmarket-cli.md §2.4). taskId goes in exactly as typed. */
export const messages = {
  claim: (taskId: string) => `taskmarket:claim:${taskId}`,
  forfeit: (taskId: string) => `taskmarket:forfeit:${taskId}`,
  pitch: (taskId: string) => `taskmarket:pitch:${taskId}`,
  proof: (taskId: string) => `taskmarket:proof:${taskId}`,
  submit: (taskId: string, bindings?: string[]) =>
    bindings ? `taskmarket:submit:${taskId}:${bindings.join(',')}` : `taskmarket:submit:${taskId}`,
  selectWorker: (taskId: string, pitchId: string, worker: string) =>
    `taskmarket:select-worker:${taskId}:${pitchId}:${worker.toLowerCase()}`,
};
