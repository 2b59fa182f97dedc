// The KarmaCadabra supply chain (the EM operator guide, "Supply Chain Steps"): the consumer kk-juanjumagalp buys
// four data products in sequence, one seller each, $0.18 a cycle; bounty titles start with "[KK Request]".
export interface Product {
  key: string;
  title: string;
  seller: string;
  /** Bounty in base units. */
  bounty: bigint;
  instructions: string;
}

export const CONSUMER = 'kk-juanjumagalp';
export const REQUEST_PREFIX = '[KK Request]';

export const SUPPLY_CHAIN: readonly Product[] = [
  { key: 'raw_logs', title: 'Raw Chat Logs', seller: 'kk-karma-hello', bounty: 10_000n, instructions: 'Need raw Twitch chat logs for analysis: JSON, one record per message, with timestamps and usernames.' },
  { key: 'skill_profiles', title: 'Skill Profiles', seller: 'kk-skill-extractor', bounty: 50_000n, instructions: 'Extract skill profiles from the purchased chat logs: one JSON profile per active chatter with evidence lines.' },
  { key: 'voice_profiles', title: 'Voice Profiles', seller: 'kk-voice-extractor', bounty: 40_000n, instructions: 'Extract voice and personality profiles (tone, vocabulary, cadence) per chatter from the chat logs, as JSON.' },
  { key: 'soul_profiles', title: 'Soul Profiles', seller: 'kk-soul-extractor', bounty: 80_000n, instructions: 'Merge skill and voice profiles into SOUL.md documents per chatter; deliver them as a JSON bundle.' },
];

export const CYCLE_COST = SUPPLY_CHAIN.reduce((s, p) => s + p.bounty, 0n);

export const titleOf = (p: Product) => `${REQUEST_PREFIX} ${p.title}`;
