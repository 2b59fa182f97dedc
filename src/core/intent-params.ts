// The typed inputs each Taskmarket action carries in Intent.params: what a ticket collects and an
// executor needs. One shape per action, so tickets, executors and the journal agree on names and kinds.
// Amounts are bigint base units; addresses are 0x-prefixed 40-hex strings; nothing is free market text
// except what the operator typed (pitch text, proof data, feedback), which is theirs.
import type { Address, AuctionType, Mode } from './types.js';

export type SubmitRole = 'preview' | 'source' | 'final' | 'attachment';

export interface TaskmarketParams {
  bid: { price: bigint };
  /** The guard sent as --min-price (null: no guard); shownPrice (the clock when confirmed) goes in the journal. */
  auction_accept: { minPrice: bigint | null };
  claim: Record<string, never>;
  pitch: { text: string; durationHours: number | null };
  /** Local file paths (absolute), uploaded by the executor; role as `task submit --role`. */
  submit: { files: readonly string[]; role: SubmitRole | null };
  submit_proof: { data: string; type: string; metric: string | null };
  select_worker: { pitchId: string; worker: Address };
  select_winner: Record<string, never>;
  accept: { worker: Address };
  /** Each winner as the CLI spells it: "<worker>:<shareBps>[:<submissionId>]"; shares sum to 10000. */
  accept_submissions: { winners: readonly string[] };
  reject_submission: { worker: Address };
  rate: { worker: Address; rating: number; feedback: string | null };
  cancel: Record<string, never>;
  /** Any of: a new reward (base units), an expiry extension (s), new bid/pitch deadlines (epoch ms). */
  update: { reward: bigint | null; extendExpirySeconds: number | null; bidDeadline: number | null; pitchDeadline: number | null };
  refund_expired: Record<string, never>;
  forfeit: Record<string, never>;
  appeal: Record<string, never>;
  evaluator_timeout: Record<string, never>;
  finalize_verdict: Record<string, never>;
  /** Awards as the CLI spells them: "<worker>:<amount-usdc-base-units>:<rank>". */
  evaluate: { verdict: 'approve' | 'reject' | 'partial'; awards: readonly string[]; score: number | null };
  resolve_dispute: { verdict: 'approve' | 'partial'; awards: readonly string[] };
  create_task: {
    description: string;
    reward: bigint;
    durationHours: number;
    mode: Mode;
    auctionType: AuctionType | null;
    /** Auctions: reward = maxPrice (the escrow must cover the highest payout). */
    maxPrice: bigint | null;
    auctionStartPrice: bigint | null;
    auctionFloorPrice: bigint | null;
    /** Hours from now (auctions: the clock or bid window; pitch: the pitch window). */
    bidDeadlineHours: number | null;
    pitchDeadlineHours: number | null;
    tags: readonly string[];
    metricDescription: string | null;
    metricTarget: string | null;
  };
  withdraw: { amount: bigint; to: Address };
  set_withdrawal_address: { address: Address };
}

export type TaskmarketParamsOf<A extends keyof TaskmarketParams> = TaskmarketParams[A];
