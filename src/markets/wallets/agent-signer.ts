// One signer per fleet agent: `keystore: "taskmarket"` is the operator's own CLI keystore (key from the
// key server, as for Taskmarket); anything else is a v3 keystore path. Either way the wallet the fleet
// file names must be the wallet that signs, and the key lives only inside withAccount.
import type { Address } from '../../core/types.js';
import { MarketError } from '../errors.js';
import { defaultKeystorePath, keystoreSigner, loadKeystore, type WithSignerOptions } from '../taskmarket/keystore.js';
import type { TaskmarketSigner } from '../taskmarket/signer.js';
import { readPassword, type PasswordSource } from './password.js';
import { checkV3Password } from './v3-decrypt.js';
import { loadV3Keystore, v3Signer, type WalletSigner } from './v3-signer.js';

/** What a signer needs from a fleet agent (src/config/fleet.ts's FleetAgent has this shape). */
export interface AgentWalletRef {
  name: string;
  wallet: Address;
  /** An absolute path to a v3 keystore, or "taskmarket" for the official CLI's keystore. */
  keystore: string;
  passwordFile: string | null;
}

export const TASKMARKET_KEYSTORE = 'taskmarket';

export interface OpenAgentSignerOptions {
  /** A password typed into the desk (or asked for at signing time); overrides the agent's passwordFile. */
  password?: Extract<PasswordSource, { kind: 'typed' | 'ask' }>;
  /** The CLI keystore's path (the desk's --keystore) and key-server options, for "taskmarket" agents. */
  taskmarket?: { path?: string } & WithSignerOptions;
}

/** A signer that says whose it is, so every ticket can show the agent's name next to its wallet. */
export type AgentSigner = (WalletSigner | TaskmarketSigner) & { readonly agent: string };

export async function openAgentSigner(agent: AgentWalletRef, o: OpenAgentSignerOptions = {}): Promise<AgentSigner> {
  if (agent.keystore === TASKMARKET_KEYSTORE) {
    const { path, ...withSignerOptions } = o.taskmarket ?? {};
    const ks = await loadKeystore(path ?? defaultKeystorePath());
    if (ks.walletAddress.toLowerCase() !== agent.wallet.toLowerCase()) {
      throw new MarketError('auth', `Agent ${agent.name}: the Taskmarket keystore is for ${ks.walletAddress}, not ${agent.wallet}`, { reason: 'wrong_key' });
    }
    return { ...keystoreSigner(ks, withSignerOptions), agent: agent.name };
  }
  const password: PasswordSource | undefined = o.password ?? (agent.passwordFile ? { kind: 'file', path: agent.passwordFile } : undefined);
  if (!password) throw new MarketError('auth', `Agent ${agent.name}: no password (type one, or name a passwordFile in the fleet file)`, { reason: 'no_password' });
  const file = await loadV3Keystore(agent.keystore);
  const signer = v3Signer(file, password, { expectedAddress: agent.wallet });
  return { address: signer.address, withAccount: signer.withAccount, agent: agent.name };
}

/** What acting as `agent` needs before its first signing: nothing, a typed password, or it cannot sign here. */
export function agentUnlock(agent: AgentWalletRef): 'ready' | 'password' {
  return agent.keystore === TASKMARKET_KEYSTORE || agent.passwordFile ? 'ready' : 'password';
}

/**
 * Check the agent's password (typed, or its password file) against its v3 keystore — KDF and MAC only, no
 * key decrypted — and that the file is the agent's wallet, so a wrong password is said when the operator
 * switches, not at the first send. Returns how long the KDF took: every signing as this agent costs that.
 */
export async function checkAgentPassword(agent: AgentWalletRef, password: string | PasswordSource): Promise<{ kdfMs: number }> {
  const file = await loadV3Keystore(agent.keystore);
  const inFile = file.keystore.address;
  if (inFile && inFile.toLowerCase() !== agent.wallet.toLowerCase()) {
    throw new MarketError('auth', `Agent ${agent.name}: keystore ${file.path} is for ${inFile}, not ${agent.wallet}`, { reason: 'wrong_key' });
  }
  const pw = await readPassword(typeof password === 'string' ? { kind: 'typed', password } : password);
  const started = performance.now();
  try {
    await checkV3Password(file.keystore, pw, file.path);
  } finally {
    pw.fill(0);
  }
  return { kdfMs: performance.now() - started };
}
