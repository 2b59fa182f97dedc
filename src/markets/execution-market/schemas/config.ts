// `GET /config` (§4b) and `GET /escrow/config` (§13.1a): the live bounty limits, networks, and the escrow
// contracts an assign challenge must name.
import { z } from 'zod';
import { address, str, usdNumber } from './common.js';

export const configSchema = z.object({
  min_bounty_usd: usdNumber,
  max_bounty_usd: usdNumber,
  supported_networks: z.array(str(30)).max(50),
  supported_tokens: z.array(str(10)).max(50),
  preferred_network: str(30).nullish().transform((v) => v ?? null),
  require_api_key: z.boolean().nullish(),
  valid_categories: z.array(str(60)).max(100).nullish().transform((v) => v ?? null),
  valid_evidence_types: z.array(str(40)).max(100).nullish().transform((v) => v ?? null),
  platform_fee_pct: z.number().min(0).max(100).nullish().transform((v) => v ?? null),
});
export type WireConfig = z.output<typeof configSchema>;

export const escrowConfigSchema = z.object({
  available: z.boolean(),
  network: str(30),
  chain_id: z.number().int().positive(),
  escrow_address: address,
  operator_address: address.nullish().transform((v) => v ?? null),
  token_collector_address: address.nullish().transform((v) => v ?? null),
  treasury_address: address.nullish().transform((v) => v ?? null),
  usdc_address: address,
  factory_address: address.nullish().transform((v) => v ?? null),
  platform_fee_bps: z.number().int().min(0).max(10_000).nullish().transform((v) => v ?? null),
});
export type WireEscrowConfig = z.output<typeof escrowConfigSchema>;
