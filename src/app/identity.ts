// Acting as one agent of the fleet (`:act-as <name>`): which agents the desk can sign for, and the
// Backend the desk then uses — the same market, URLs and network, with that agent's wallet and signer.
// A v3 keystore's password is typed once a session (checked by KDF and MAC only; no key is decrypted
// until a signing) or read from the file the fleet names at each signing.
import { SIM_BOT_KEYSTORE, type FleetAgent } from '../config/fleet.js';
import type { Backend } from './backend.js';

export type AgentLookup = { ok: true; agent: FleetAgent; needsPassword: boolean } | { ok: false; message: string };

/** The agent named `name` if the desk can act as it here (the simulator's own bots keep their keys). */
export function findAgent(agents: readonly FleetAgent[], name: string): AgentLookup {
  const agent = agents.find((a) => a.name.toLowerCase() === name.toLowerCase());
  if (!agent) return { ok: false, message: `no agent named ${name} in the fleet (${agents.map((a) => a.name).join(', ') || 'the fleet is empty'})` };
  if (agent.keystore === SIM_BOT_KEYSTORE) return { ok: false, message: `${agent.name} is one of the simulator's own bots: its key lives inside the simulator` };
  return { ok: true, agent, needsPassword: agent.keystore !== 'taskmarket' && agent.passwordFile === null };
}

export interface AgentBackendOptions {
  /** Typed into the desk; kept in memory for the session only, never written or shown. */
  password?: string;
  /** The session's fetch (it feeds the market clock). */
  fetch?: typeof fetch;
  /** The desk's --keystore, for an agent whose keystore is "taskmarket". */
  keystorePath?: string | null;
}

/** The desk's Backend seen as `agent`: its wallet and signer, the same market, network and journal home. */
export async function agentBackend(base: Backend, agent: FleetAgent, o: AgentBackendOptions = {}): Promise<Backend> {
  const { openAgentSigner, checkAgentPassword } = await import('../markets/wallets/index.js');
  const { createTaskmarketReader } = await import('../markets/taskmarket/reader.js');
  // The operator's own CLI keystore, when it is the wallet the desk already signs with.
  const own = agent.keystore === 'taskmarket' && base.signer && base.wallet?.toLowerCase() === agent.wallet.toLowerCase();
  // A v3 keystore is checked now (typed password or its file) and its KDF timed: each signing costs that much.
  const check = agent.keystore === 'taskmarket' ? null : await checkAgentPassword(agent, o.password ?? { kind: 'file', path: agent.passwordFile ?? '' });
  const signer = own
    ? base.signer!
    : await openAgentSigner(agent, {
        ...(o.password !== undefined ? { password: { kind: 'typed' as const, password: o.password } } : {}),
        ...(o.keystorePath ? { taskmarket: { path: o.keystorePath } } : {}),
      });
  const reader = createTaskmarketReader({ apiUrl: base.apiUrl, signer, now: base.signingNow, ...(o.fetch ? { fetch: o.fetch } : {}) });
  return {
    ...base,
    reader,
    signer,
    wallet: signer.address,
    readonly: base.readonly,
    notes: [],
    signingCostMs: check ? Math.round(check.kdfMs) : 0,
    // The session owns the market; an agent's view of it closes nothing.
    close: async () => {},
  };
}
