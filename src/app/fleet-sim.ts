// The built-in simulator's own KarmaCadabra fleet, shown when no fleet file exists: the five EM bots
// (src/sim/execution-market/bots/) with the wallets they derive from the seed, and the guide's supply chain
// as their pipeline (raw_logs → skill_profiles → voice_profiles → soul_profiles, $0.18 a cycle), matched
// by the bounty titles the consumer bot publishes. Built through parseFleet, so it obeys the file's rules.
import { homedir } from 'node:os';
import { privateKeyToAccount } from 'viem/accounts';
import { formatUsdc } from '../core/money.js';
import { parseFleet, SIM_BOT_KEYSTORE, type Fleet } from '../config/fleet.js';
export { SIM_BOT_KEYSTORE };
import { emBotKey } from '../sim/execution-market/bots/index.js';
import { CONSUMER, SUPPLY_CHAIN, titleOf } from '../sim/execution-market/bots/products.js';

/** The seed the desk's built-in simulator starts its EM bots with (src/app/backend.ts). */
export const DESK_SIM_SEED = 'taskdesk';
export const SIM_PIPELINE = 'kk-supply-chain';

/** name → lower-case wallet, as startEmBots derives them (`emBotKey(seed, name)`). */
export function simBotWallets(seed: string = DESK_SIM_SEED): Record<string, string> {
  const names = [CONSUMER, ...SUPPLY_CHAIN.map((p) => p.seller)];
  return Object.fromEntries(names.map((n) => [n, privateKeyToAccount(emBotKey(seed, n)).address.toLowerCase()]));
}

/** The fleet file's JSON for the simulator's bots (also what `fleet.json` would hold to watch them). */
export function simFleetJson(seed: string = DESK_SIM_SEED): { agents: unknown[]; pipelines: unknown[] } {
  const wallets = simBotWallets(seed);
  return {
    agents: Object.entries(wallets).map(([name, wallet]) => ({ name, market: 'execution-market', wallet, keystore: SIM_BOT_KEYSTORE })),
    pipelines: [
      {
        name: SIM_PIPELINE,
        consumer: CONSUMER,
        market: 'execution-market',
        steps: SUPPLY_CHAIN.map((p) => ({ product: p.key, seller: p.seller, price: formatUsdc(p.bounty), match: { titlePrefix: titleOf(p), category: 'knowledge_access' } })),
      },
    ],
  };
}

export function simFleet(seed: string = DESK_SIM_SEED): { fleet: Fleet; problems: string[] } {
  const { fleet, problems } = parseFleet(simFleetJson(seed), { baseDir: process.cwd(), home: homedir() });
  // parseFleet resolves a keystore as a path; these agents have none.
  return { fleet: { ...fleet, agents: fleet.agents.map((a) => ({ ...a, keystore: SIM_BOT_KEYSTORE })) }, problems };
}
