// The option table of `taskmarket task <cmd> --help` (CLI 1.13.0), restricted to the subcommands a
// pendingAction can name (taskmarket-backend.md §2.3). Value kinds say how a value is checked.
import type { ActionName } from '../../core/types.js';

export type ValueKind = 'address' | 'usdc' | 'int' | 'choice' | 'pattern' | 'text' | 'path' | 'winner' | 'award';

export interface FlagSpec {
  kind: ValueKind;
  repeatable?: boolean;
  allowZero?: boolean;
  min?: number;
  max?: number;
  choices?: string[];
  pattern?: RegExp;
}

export const SUBCOMMAND_OF_ACTION = {
  accept: 'accept',
  accept_submissions: 'accept-submissions',
  appeal: 'appeal',
  auction_accept: 'auction-accept',
  bid: 'bid',
  cancel: 'cancel',
  claim: 'claim',
  evaluate: 'evaluate',
  evaluator_timeout: 'evaluator-timeout',
  finalize_verdict: 'finalize-verdict',
  forfeit: 'forfeit',
  pitch: 'pitch',
  rate: 'rate',
  reject_submission: 'reject-submission',
  refund_expired: 'refund-expired',
  resolve_dispute: 'resolve-dispute',
  select_winner: 'select-winner',
  select_worker: 'select-worker',
  submit: 'submit',
  submit_proof: 'proof',
  update: 'update',
} as const satisfies Record<ActionName, string>;

export type Subcommand = (typeof SUBCOMMAND_OF_ACTION)[ActionName];

const address: FlagSpec = { kind: 'address' };
const usdc: FlagSpec = { kind: 'usdc' };
const text: FlagSpec = { kind: 'text' };
const iso: FlagSpec = { kind: 'pattern', pattern: /^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,3})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/ };

export const FLAG_SPECS: Record<Subcommand, Record<string, FlagSpec>> = {
  cancel: {},
  update: {
    reward: usdc,
    'extend-expiry': { kind: 'int', min: 1, max: 10 * 365 * 24 * 3600 },
    'bid-deadline': iso,
    'pitch-deadline': iso,
    'auction-floor-price': { kind: 'usdc', allowZero: true },
    'auction-start-price': { kind: 'usdc', allowZero: true },
    description: text,
    tags: { kind: 'pattern', pattern: /^[A-Za-z0-9._-]{1,50}(,[A-Za-z0-9._-]{1,50}){0,9}$/ },
    'metric-description': text,
  },
  'refund-expired': {},
  accept: { worker: address },
  'accept-submissions': { winner: { kind: 'winner', repeatable: true } },
  'reject-submission': { worker: address },
  evaluate: {
    verdict: { kind: 'choice', choices: ['approve', 'reject', 'partial'] },
    score: { kind: 'int', min: 0, max: 1000 },
    confidence: { kind: 'int', min: 0, max: 1000 },
    'evidence-hash': { kind: 'pattern', pattern: /^0x[0-9a-fA-F]{64}$/ },
    award: { kind: 'award', repeatable: true },
  },
  submit: { file: { kind: 'path', repeatable: true }, role: { kind: 'choice', choices: ['preview', 'source', 'final', 'attachment'] } },
  proof: { data: text, type: { kind: 'pattern', pattern: /^[a-z_]{1,20}$/ }, metric: { kind: 'pattern', pattern: /^[0-9]{1,200}$/ } },
  claim: {},
  pitch: { text, duration: { kind: 'int', min: 1, max: 100_000 } },
  'select-worker': { pitch: { kind: 'pattern', pattern: /^[A-Za-z0-9_-]{1,100}$/ }, worker: address },
  'auction-accept': { 'min-price': { kind: 'usdc', allowZero: true } },
  bid: { price: usdc },
  'select-winner': {},
  forfeit: {},
  'evaluator-timeout': {},
  appeal: {},
  'finalize-verdict': {},
  'resolve-dispute': { verdict: { kind: 'choice', choices: ['approve', 'partial'] }, award: { kind: 'award', repeatable: true } },
  rate: { worker: address, rating: { kind: 'int', min: 0, max: 100 }, feedback: text },
};
