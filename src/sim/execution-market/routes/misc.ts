// Health, config, auth discovery, escrow config, the payment timeline, WebSocket stats, and the routes the
// snapshot disables (execution-market-api.md §1a, §4b, §12.1, §13.1a, §13.2, §13.7).
import { randomBytes } from 'node:crypto';
import type { SimReply } from '../../router.js';
import { CATEGORIES, ERC8128_CHAINS, EM_ADDRESSES, EVIDENCE_TYPES, MAX_BOUNTY, MIN_BOUNTY, NETWORK, PLATFORM_FEE_BPS, TOKEN } from '../config.js';
import { API_KEYS_DISABLED, SKEW_SECONDS } from '../auth.js';
import { MAX_VALIDITY_SECONDS } from '../../../core/erc8128.js';
import { fail } from '../errors.js';
import { unitsToUsd, unitsToUsdc } from '../money.js';
import { iso } from '../serialize.js';
import type { EmCall } from '../runtime.js';
import { findTask, isParticipant, isReply, pathId, route, signer, type EmRoute } from './common.js';

const health = (call: EmCall): SimReply => ({ status: 200, body: { status: 'healthy', api_version: 'v1', timestamp: new Date(call.rt.sim.wall.now()).toISOString(), environment: 'simulator' } });

function config(): SimReply {
  return {
    status: 200,
    body: {
      min_bounty_usd: unitsToUsd(MIN_BOUNTY),
      max_bounty_usd: unitsToUsd(MAX_BOUNTY),
      supported_networks: [NETWORK],
      supported_tokens: [TOKEN],
      preferred_network: NETWORK,
      require_api_key: false,
      worldid_min_bounty_for_orb_usd: 500,
      valid_categories: CATEGORIES,
      valid_evidence_types: EVIDENCE_TYPES,
      platform_fee_pct: PLATFORM_FEE_BPS / 100,
    },
  };
}

function nonce(): SimReply {
  return {
    status: 200,
    body: { nonce: randomBytes(16).toString('hex'), ttl_seconds: MAX_VALIDITY_SECONDS, message: 'Use this nonce once in Signature-Input (nonce="…"); any fresh nonce is accepted once.' },
  };
}

function info(call: EmCall): SimReply {
  const port = call.req.origin.slice(call.req.origin.lastIndexOf(':') + 1);
  return {
    status: 200,
    body: {
      scheme: 'ERC-8128',
      label: 'eth',
      alg: 'eip191',
      supported_chains: ERC8128_CHAINS,
      keyid_format: 'erc8128:<chainId>:<address>',
      required_components: ['@method', '@authority', '@path'],
      conditional_components: { '@query': 'when the URL has a query string', 'content-digest': 'when the request has a body (sha-256)' },
      max_validity_seconds: MAX_VALIDITY_SECONDS,
      clock_skew_seconds: SKEW_SECONDS,
      nonce_required: true,
      nonce_endpoint: '/api/v1/auth/erc8128/nonce',
      allowed_authorities: [`127.0.0.1:${port}`, `localhost:${port}`],
      erc1271_fallback: false,
    },
  };
}

function escrowConfig(call: EmCall): SimReply {
  return {
    status: 200,
    body: {
      available: true,
      network: NETWORK,
      chain_id: call.rt.sim.config.chainId,
      factory_address: EM_ADDRESSES.factory,
      escrow_address: EM_ADDRESSES.escrow,
      operator_address: EM_ADDRESSES.operator,
      token_collector_address: EM_ADDRESSES.tokenCollector,
      treasury_address: EM_ADDRESSES.treasury,
      usdc_address: call.rt.sim.config.usdc,
      platform_fee_bps: PLATFORM_FEE_BPS,
    },
  };
}

/** GET /tasks/{id}/payment (§13.2): the escrow timeline; participants only once the task is over. */
function payment(call: EmCall): SimReply {
  const id = pathId(call, 'task_id');
  if (!id.ok) return id.reply;
  const task = findTask(call, id.value);
  if (isReply(task)) return task;
  if ((task.status === 'expired' || task.status === 'cancelled') && !isParticipant(call, task, call.caller)) return fail(410, 'task_gone', `Task is ${task.status}`);
  const e = task.escrow;
  const status = !e ? 'pending' : e.status === 'locked' ? 'escrowed' : e.status === 'released' ? 'completed' : 'refunded';
  return {
    status: 200,
    body: {
      task_id: task.id,
      status,
      total_amount: unitsToUsd(task.bounty),
      released_amount: e?.status === 'released' ? unitsToUsd(e.amount) : 0,
      released_net_usdc: e?.workerNet != null ? unitsToUsdc(e.workerNet) : null,
      platform_fee_usdc: e?.fee != null ? unitsToUsdc(e.fee) : null,
      currency: TOKEN,
      escrow_tx: e?.escrowTx ?? null,
      release_tx: e?.releaseTx ?? null,
      refund_tx: e?.refundTx ?? null,
      escrow_contract: EM_ADDRESSES.escrow,
      network: NETWORK,
      payer: e?.payer ?? null,
      receiver: e?.receiver ?? null,
      events: (e?.events ?? []).map((x) => ({ type: x.type, at: iso(x.at), tx_hash: x.tx, amount_usdc: unitsToUsdc(x.amount) })),
    },
  };
}

function wsRooms(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  return { status: 200, body: call.rt.wsRooms() };
}

function wsStats(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const rooms = call.rt.wsRooms();
  return { status: 200, body: { connections: call.rt.wsConnections(), rooms: Object.keys(rooms).length, subscriptions: Object.values(rooms).reduce((a, b) => a + b, 0) } };
}

export const routes: EmRoute[] = [
  route('GET', '/health', 'pub', (_r, call) => health(call), { rateExempt: true }),
  route('GET', '/api/v1/health', 'pub', (_r, call) => health(call), { rateExempt: true }),
  route('GET', '/api/v1/config', 'pub', () => config(), { rateExempt: true }),
  route('GET', '/api/v1/auth/nonce', 'pub', () => nonce()),
  route('GET', '/api/v1/auth/erc8128/nonce', 'pub', () => nonce()),
  route('GET', '/api/v1/auth/erc8128/info', 'pub', (_r, call) => info(call), { rateExempt: true }),
  route('GET', '/api/v1/escrow/config', 'pub', (_r, call) => escrowConfig(call), { rateExempt: true }),
  route('GET', '/api/v1/tasks/:task_id/payment', 'read', (_r, call) => payment(call)),
  route('GET', '/ws/rooms', 'read', (_r, call) => wsRooms(call)),
  route('GET', '/ws/stats', 'read', (_r, call) => wsStats(call)),
  route('POST', '/api/v1/tasks/batch', 'write', () => fail(503, 'batch_disabled', 'Batch task creation is currently disabled', {}, true)),
  route('POST', '/api/v1/agent/auth', 'pub', () => fail(403, 'api_keys_disabled', API_KEYS_DISABLED)),
];
