// argv for the wallet writes that have no pendingAction (create_task, withdraw, set_withdrawal_address),
// built only from typed ticket fields and checked the way buildCliArgv checks a template (cli §1.2, §1.3, §4.3).
import { AUCTION_TYPES, MODES, SUBMISSION_VISIBILITIES, TASK_VISIBILITIES, type Address, type AuctionType, type Mode, type SubmissionVisibility, type TaskVisibility } from '../core/types.js';
import { checkText, usdcArg, type ArgvResult } from './cli-argv.js';

export interface CreateTaskArgs {
  description: string;
  reward: bigint;
  /** Hours, may be fractional (the CLI reads it with Number()). */
  durationHours: number;
  mode?: Mode;
  tags?: string[];
  taskVisibility?: TaskVisibility;
  submissionVisibility?: SubmissionVisibility;
  allowedViewers?: Address[];
  /** Whole hours (the CLI parseInt()s it). */
  pitchDeadlineHours?: number;
  /** Whole hours (the CLI parseInt()s it and sends the raw count, cli §10). */
  bidDeadlineHours?: number;
  auctionType?: AuctionType;
  auctionStartPrice?: bigint;
  auctionFloorPrice?: bigint;
  evaluator?: Address;
  evaluatorFeeBps?: number;
  evaluationWindowHours?: number;
  appealWindowHours?: number;
  disputeResolver?: Address;
}

/** The typed wallet commands the cli executor runs. */
export type WalletCommand =
  | { action: 'create_task'; params: CreateTaskArgs }
  | { action: 'withdraw'; amount: bigint }
  | { action: 'set_withdrawal_address'; address: Address };

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const TAG = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,49}$/;
const MAX_DESCRIPTION = 10_000;
const MAX_HOURS = 10 * 365 * 24;
// `withdraw` converts through parseFloat × 1e6 (cli §2.3): exact only well inside 2^53 base units.
const MAX_WITHDRAW = 1_000_000_000_000_000n;

const refuse = (reason: string): ArgvResult => ({ ok: false, reason });

/** A positive hour count as plain decimal text (never "1e+21"), or an error. */
function hoursText(h: unknown, what: string, whole: boolean): { text: string } | string {
  if (typeof h !== 'number' || !Number.isFinite(h) || h <= 0 || h > MAX_HOURS) return `${what} must be a positive number of hours up to ${MAX_HOURS}`;
  if (whole && !Number.isInteger(h)) return `${what} must be whole hours`;
  const text = String(h);
  return /^[0-9]+(\.[0-9]+)?$/.test(text) ? { text } : `${what} is not a plain decimal`;
}

function usdcText(v: unknown, what: string, allowZero: boolean): { text: string } | string {
  if (typeof v !== 'bigint' || v < 0n || (v === 0n && !allowZero)) return `${what} must be ${allowZero ? 'zero or more' : 'greater than zero'}`;
  return { text: usdcArg(v) };
}

/** `task create …` — the reward is also passed as --max-price for auctions (the CLI requires them equal). */
export function buildCreateTaskArgv(p: CreateTaskArgs): ArgvResult {
  const argv = ['task', 'create'];
  const push = (flag: string, r: { text: string } | string): string | null => {
    if (typeof r === 'string') return r;
    argv.push(`--${flag}`, r.text);
    return null;
  };
  const descErr = checkText(p.description, '--description', MAX_DESCRIPTION);
  if (descErr) return refuse(descErr);
  argv.push('--description', p.description);
  const mode = p.mode ?? 'bounty';
  if (!MODES.includes(mode)) return refuse(`--mode: not one of ${MODES.join('|')}`);
  const steps: (() => string | null)[] = [
    () => push('reward', usdcText(p.reward, '--reward', false)),
    () => push('duration', hoursText(p.durationHours, '--duration', false)),
    () => push('mode', { text: mode }),
  ];
  for (const step of steps) {
    const err = step();
    if (err) return refuse(err);
  }
  if (p.tags !== undefined && p.tags.length > 0) {
    if (p.tags.length > 10 || p.tags.some((t) => typeof t !== 'string' || !TAG.test(t))) return refuse('--tags: up to 10 tags of letters, digits, ".", "_" or "-" (not leading)');
    argv.push('--tags', p.tags.join(','));
  }
  if (p.taskVisibility !== undefined) {
    if (!TASK_VISIBILITIES.includes(p.taskVisibility)) return refuse(`--task-visibility: not one of ${TASK_VISIBILITIES.join('|')}`);
    argv.push('--task-visibility', p.taskVisibility);
  }
  if (p.allowedViewers !== undefined && p.allowedViewers.length > 0) {
    if (p.taskVisibility !== 'private') return refuse('--allowed-viewers needs --task-visibility private');
    if (p.allowedViewers.length > 100 || p.allowedViewers.some((a) => typeof a !== 'string' || !ADDRESS.test(a))) return refuse('--allowed-viewers: addresses only');
    argv.push('--allowed-viewers', p.allowedViewers.join(','));
  } else if (p.taskVisibility === 'private') {
    // An --access-password on argv is readable by every local user (ps); the native executor sends it in a body.
    return refuse('a private task needs --allowed-viewers here; a password is never put on a command line');
  }
  if (p.submissionVisibility !== undefined) {
    if (!SUBMISSION_VISIBILITIES.includes(p.submissionVisibility)) return refuse(`--submission-visibility: not one of ${SUBMISSION_VISIBILITIES.join('|')}`);
    argv.push('--submission-visibility', p.submissionVisibility);
  }
  if (p.pitchDeadlineHours !== undefined) {
    if (mode !== 'pitch') return refuse('--pitch-deadline is for pitch mode');
    const err = push('pitch-deadline', hoursText(p.pitchDeadlineHours, '--pitch-deadline', true));
    if (err) return refuse(err);
  }
  if (mode === 'auction') {
    if (p.auctionType === undefined || !AUCTION_TYPES.includes(p.auctionType)) return refuse(`--auction-type: one of ${AUCTION_TYPES.join('|')} is required for auction mode`);
    argv.push('--auction-type', p.auctionType, '--max-price', usdcArg(p.reward));
    if (p.bidDeadlineHours !== undefined) {
      const err = push('bid-deadline', hoursText(p.bidDeadlineHours, '--bid-deadline', true));
      if (err) return refuse(err);
    }
    if (p.auctionType === 'reverse_dutch' && p.auctionStartPrice === undefined) return refuse('--auction-start-price is required for reverse_dutch');
    if (p.auctionType === 'dutch' && p.auctionFloorPrice === undefined) return refuse('--auction-floor-price is required for dutch');
    for (const [flag, v] of [['auction-start-price', p.auctionStartPrice], ['auction-floor-price', p.auctionFloorPrice]] as const) {
      if (v === undefined) continue;
      if (typeof v === 'bigint' && v > p.reward) return refuse(`--${flag} must be at most the reward`);
      const err = push(flag, usdcText(v, `--${flag}`, true));
      if (err) return refuse(err);
    }
  } else if (p.auctionType !== undefined || p.bidDeadlineHours !== undefined || p.auctionStartPrice !== undefined || p.auctionFloorPrice !== undefined) {
    return refuse('auction options need --mode auction');
  }
  if (p.evaluator !== undefined) {
    if (!ADDRESS.test(p.evaluator)) return refuse('--evaluator: not an address');
    argv.push('--evaluator', p.evaluator);
    if (p.evaluatorFeeBps !== undefined) {
      if (!Number.isSafeInteger(p.evaluatorFeeBps) || p.evaluatorFeeBps < 0 || p.evaluatorFeeBps > 10_000) return refuse('--evaluator-fee-bps must be 0..10000');
      argv.push('--evaluator-fee-bps', String(p.evaluatorFeeBps));
    }
    for (const [flag, v] of [['evaluation-window', p.evaluationWindowHours], ['appeal-window', p.appealWindowHours]] as const) {
      if (v === undefined) continue;
      const err = push(flag, hoursText(v, `--${flag}`, false));
      if (err) return refuse(err);
    }
    if (p.disputeResolver !== undefined) {
      if (!ADDRESS.test(p.disputeResolver)) return refuse('--dispute-resolver: not an address');
      argv.push('--dispute-resolver', p.disputeResolver);
    }
  } else if (p.evaluatorFeeBps !== undefined || p.evaluationWindowHours !== undefined || p.appealWindowHours !== undefined || p.disputeResolver !== undefined) {
    return refuse('evaluator options need --evaluator');
  }
  return { ok: true, argv };
}

/** `withdraw <amount>` to the registered withdrawal address. */
export function buildWithdrawArgv(amount: bigint): ArgvResult {
  if (typeof amount !== 'bigint' || amount <= 0n) return refuse('withdraw amount must be greater than zero');
  if (amount > MAX_WITHDRAW) return refuse('the CLI converts withdraw amounts through a float; this amount would not survive it exactly');
  return { ok: true, argv: ['withdraw', usdcArg(amount)] };
}

/** `wallet set-withdrawal-address <address>` (one-time, free). */
export function buildSetWithdrawalAddressArgv(address: Address): ArgvResult {
  if (typeof address !== 'string' || !ADDRESS.test(address) || /^0x0{40}$/i.test(address)) return refuse('withdrawal address must be a non-zero 0x address');
  return { ok: true, argv: ['wallet', 'set-withdrawal-address', address] };
}

export function buildWalletArgv(cmd: WalletCommand): ArgvResult {
  switch (cmd.action) {
    case 'create_task':
      return buildCreateTaskArgv(cmd.params);
    case 'withdraw':
      return buildWithdrawArgv(cmd.amount);
    case 'set_withdrawal_address':
      return buildSetWithdrawalAddressArgv(cmd.address);
    default:
      return refuse('not a wallet command the cli executor runs');
  }
}
