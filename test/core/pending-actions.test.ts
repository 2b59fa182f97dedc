import { describe, expect, it } from 'vitest';
import {
  computePendingActions,
  latestSubmissionWorker,
  PAID_ACTION_NAMES,
  STANDARD_ACTION_FEE,
  type PendingActionsContext,
} from '../../src/core/pending-actions.js';
import { TASK_STATUSES, type AuctionType, type Mode, type PendingAction, type Task, type TaskStatus } from '../../src/core/types.js';
import { makeTask, REQUESTER, TASK_ID, WORKER } from './fixtures.js';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;
const ID = TASK_ID;
const EVALUATOR = '0xEvaluator00000000000000000000000000000e';
const RESOLVER = '0xResolver000000000000000000000000000000d';

const ctx = (o: Partial<PendingActionsContext> = {}): PendingActionsContext => ({
  bidCount: 0,
  latestSubmissionWorker: null,
  appealEligibleWorker: null,
  awardWorkers: [],
  ...o,
});
const names = (a: PendingAction[]) => a.map((x) => x.action);

/** Modes × auction types, each as task overrides (auction clock half way through its window). */
const KINDS: Record<string, Partial<Task>> = {
  bounty: { mode: 'bounty' },
  benchmark: { mode: 'benchmark' },
  claim: { mode: 'claim' },
  pitch: { mode: 'pitch' },
  ...Object.fromEntries(
    (['dutch', 'english', 'reverse_dutch', 'reverse_english', null] as (AuctionType | null)[]).map((type) => [
      `auction/${type ?? 'untyped'}`,
      {
        mode: 'auction' as Mode,
        auctionType: type,
        createdAt: NOW - HOUR,
        bidDeadline: NOW + HOUR,
        maxPrice: 5_000_000n,
        auctionFloorPrice: type === 'dutch' ? 1_000_000n : null,
        auctionStartPrice: type === 'reverse_dutch' ? 1_000_000n : null,
      },
    ]),
  ),
};

// Base situation per status: worker assigned where the status implies one, no bids/submissions/awards,
// no evaluator, no deadlines. Expected action names, not expired and expired (expiryTime == now).
type Row = Record<string, [string[], string[]]>;
const ALL = (live: string[], expired: string[]): Row =>
  Object.fromEntries(Object.keys(KINDS).map((k) => [k, [live, expired]]));
const CLOCK_OPEN: [string[], string[]] = [['cancel', 'update', 'auction_accept'], ['update', 'refund_expired']];
const BID_OPEN: [string[], string[]] = [['cancel', 'update', 'bid'], ['update', 'refund_expired']];
const MATRIX: Record<TaskStatus, Row> = {
  open: {
    bounty: [['cancel', 'update', 'submit'], ['update', 'refund_expired']],
    benchmark: [['cancel', 'update', 'submit_proof'], ['update', 'refund_expired']],
    claim: [['cancel', 'update', 'claim'], ['update', 'refund_expired']],
    pitch: [['cancel', 'update', 'pitch'], ['update', 'refund_expired']],
    'auction/dutch': CLOCK_OPEN,
    'auction/reverse_dutch': CLOCK_OPEN,
    'auction/english': BID_OPEN,
    'auction/reverse_english': BID_OPEN,
    'auction/untyped': BID_OPEN,
  },
  claimed: {
    ...ALL([], []),
    claim: [['submit'], ['forfeit']],
    'auction/dutch': [['submit'], ['refund_expired']],
    'auction/reverse_dutch': [['submit'], ['refund_expired']],
    'auction/english': [['submit'], ['refund_expired']],
    'auction/reverse_english': [['submit'], ['refund_expired']],
    'auction/untyped': [['submit'], ['refund_expired']],
  },
  // Expired worker_selected offers refund_expired whatever the mode (§2.3).
  worker_selected: { ...ALL([], ['refund_expired']), pitch: [['submit'], ['refund_expired']] },
  pending_approval: {
    ...ALL(['accept'], ['refund_expired']),
    bounty: [['accept'], ['accept']],
    benchmark: [['accept'], ['accept']],
  },
  review: ALL([], []),
  // appealDeadline null → straight to finalize_verdict.
  appealing: ALL(['finalize_verdict'], ['finalize_verdict']),
  disputed: ALL(['resolve_dispute'], ['resolve_dispute']),
  completed: ALL([], []),
  expired: ALL([], []),
  cancelled: ALL([], []),
};

describe('pendingActions matrix: every status × mode × auction type (§2.3)', () => {
  for (const status of TASK_STATUSES) {
    for (const [kind, overrides] of Object.entries(KINDS)) {
      const [live, expired] = MATRIX[status][kind] as [string[], string[]];
      const claimedBy = ['claimed', 'worker_selected', 'pending_approval'].includes(status) ? WORKER : null;
      it(`${status} × ${kind}`, () => {
        const base = { ...overrides, status, claimedBy };
        expect(names(computePendingActions(makeTask({ ...base, expiryTime: NOW + 24 * HOUR }), ctx(), NOW))).toEqual(live);
        expect(names(computePendingActions(makeTask({ ...base, expiryTime: NOW }), ctx(), NOW))).toEqual(expired);
      });
    }
  }

  it('every entry carries payment fields from PAID_ACTION_NAMES', () => {
    for (const status of TASK_STATUSES) {
      for (const overrides of Object.values(KINDS)) {
        const task = makeTask({ ...overrides, status, claimedBy: WORKER, expiryTime: NOW + HOUR });
        for (const a of computePendingActions(task, ctx(), NOW)) {
          expect(a.requiresPayment).toBe(PAID_ACTION_NAMES.has(a.action));
          expect(a.paymentAmount).toBe(a.requiresPayment ? 1000n : null);
          expect(a.command.startsWith(`taskmarket task `)).toBe(true);
          expect(a.command).toContain(ID);
        }
      }
    }
  });
});

const full = (o: Partial<PendingAction> & Pick<PendingAction, 'role' | 'action' | 'command'>): PendingAction => ({
  eligibleAddress: null,
  requiresPayment: PAID_ACTION_NAMES.has(o.action),
  paymentAmount: PAID_ACTION_NAMES.has(o.action) ? STANDARD_ACTION_FEE : null,
  availableAfter: null,
  availableUntil: null,
  targetWorker: null,
  ...o,
});
const EXP = NOW + 24 * HOUR;
const cancel = full({ role: 'requester', action: 'cancel', command: `taskmarket task cancel ${ID}`, eligibleAddress: REQUESTER });
const update = full({
  role: 'requester',
  action: 'update',
  command: `taskmarket task update ${ID} --extend-expiry <seconds>`,
  eligibleAddress: REQUESTER,
});

describe('pendingActions exact entries', () => {
  it('open bounty without submissions → [cancel, update, submit]', () => {
    expect(computePendingActions(makeTask({ expiryTime: EXP }), ctx(), NOW)).toEqual([
      cancel,
      update,
      full({ role: 'worker', action: 'submit', command: `taskmarket task submit ${ID} --file <path>`, availableUntil: EXP }),
    ]);
  });

  it('open bounty with one submitter → decisions name that worker, cancel disappears', () => {
    const task = makeTask({ expiryTime: EXP, submissionCount: 2 });
    expect(computePendingActions(task, ctx({ latestSubmissionWorker: WORKER }), NOW)).toEqual([
      update,
      full({ role: 'requester', action: 'accept', command: `taskmarket task accept ${ID} --worker ${WORKER}`, eligibleAddress: REQUESTER }),
      full({
        role: 'requester',
        action: 'accept_submissions',
        command: `taskmarket task accept-submissions ${ID} --winner <worker>:10000`,
        eligibleAddress: REQUESTER,
      }),
      full({
        role: 'requester',
        action: 'reject_submission',
        command: `taskmarket task reject-submission ${ID} --worker ${WORKER}`,
        eligibleAddress: REQUESTER,
      }),
      full({ role: 'worker', action: 'submit', command: `taskmarket task submit ${ID} --file <path>`, availableUntil: EXP }),
    ]);
  });

  it('several submitters → <address> placeholders; evaluator swaps accept for evaluate', () => {
    const task = makeTask({ mode: 'benchmark', expiryTime: EXP, submissionCount: 3, evaluator: EVALUATOR });
    const got = computePendingActions(task, ctx(), NOW);
    expect(names(got)).toEqual(['update', 'reject_submission', 'evaluate', 'submit_proof']);
    expect(got[1]?.command).toBe(`taskmarket task reject-submission ${ID} --worker <address>`);
    expect(got[2]).toEqual(
      full({
        role: 'evaluator',
        action: 'evaluate',
        command: `taskmarket task evaluate ${ID} --verdict approve --award <worker>:<amount-usdc>:1`,
        eligibleAddress: EVALUATOR,
      }),
    );
    expect(got[3]?.command).toBe(`taskmarket task proof ${ID} --data <data> --type <type>`);
  });

  it('expired contest with submissions keeps update and decisions, no refund', () => {
    const task = makeTask({ expiryTime: NOW, submissionCount: 1 });
    expect(names(computePendingActions(task, ctx({ latestSubmissionWorker: WORKER }), NOW))).toEqual([
      'update',
      'accept',
      'accept_submissions',
      'reject_submission',
    ]);
  });

  it('expired open task → refund_expired available after expiry', () => {
    const got = computePendingActions(makeTask({ mode: 'claim', expiryTime: NOW - 5 }), ctx(), NOW);
    expect(got).toEqual([
      update,
      full({
        role: 'requester',
        action: 'refund_expired',
        command: `taskmarket task refund-expired ${ID}`,
        eligibleAddress: REQUESTER,
        availableAfter: NOW - 5,
      }),
    ]);
  });

  it('claim → claim until expiry', () => {
    expect(computePendingActions(makeTask({ mode: 'claim', expiryTime: EXP }), ctx(), NOW)[2]).toEqual(
      full({ role: 'worker', action: 'claim', command: `taskmarket task claim ${ID}`, availableUntil: EXP }),
    );
  });

  it('pitch: pitch until pitchDeadline, select_worker once pitched; pitch gone at the deadline', () => {
    const pitchDeadline = NOW + HOUR;
    const task = makeTask({ mode: 'pitch', expiryTime: EXP, pitchDeadline, pitchCount: 1 });
    expect(computePendingActions(task, ctx(), NOW).slice(2)).toEqual([
      full({ role: 'worker', action: 'pitch', command: `taskmarket task pitch ${ID} --text "..."`, availableUntil: pitchDeadline }),
      full({
        role: 'requester',
        action: 'select_worker',
        command: `taskmarket task select-worker ${ID} --pitch <pitchId> --worker <address>`,
        eligibleAddress: REQUESTER,
        availableUntil: EXP,
      }),
    ]);
    expect(names(computePendingActions(task, ctx(), pitchDeadline))).toEqual(['cancel', 'update', 'select_worker']);
  });

  it('dutch auction: auction_accept shows the clock price with six decimals', () => {
    const task = makeTask({
      mode: 'auction',
      auctionType: 'dutch',
      createdAt: NOW - 500,
      bidDeadline: NOW + 500,
      maxPrice: 1000n,
      reward: 1000n,
      auctionFloorPrice: 100n,
      expiryTime: EXP,
    });
    expect(computePendingActions(task, ctx(), NOW)).toEqual([
      cancel,
      update,
      full({
        role: 'worker',
        action: 'auction_accept',
        command: `taskmarket task auction-accept ${ID} # current price: $0.000550`,
        availableUntil: NOW + 500,
      }),
    ]);
    // At t = bidDeadline the clock is over: management only.
    expect(names(computePendingActions(task, ctx(), NOW + 500))).toEqual(['cancel', 'update']);
  });

  it('clock auction without bidDeadline prices "?" and runs until expiry', () => {
    const task = makeTask({ mode: 'auction', auctionType: 'reverse_dutch', maxPrice: 1000n, expiryTime: EXP });
    const got = computePendingActions(task, ctx(), NOW)[2];
    expect(got?.command).toBe(`taskmarket task auction-accept ${ID} # current price: $?`);
    expect(got?.availableUntil).toBe(EXP);
  });

  const english = (o: Partial<Task> = {}) =>
    makeTask({ mode: 'auction', auctionType: 'english', bidDeadline: NOW + HOUR, maxPrice: 5_000_000n, expiryTime: EXP, ...o });

  it('english: bid without lowest, then bid only (no cancel/update) with the lowest', () => {
    expect(computePendingActions(english(), ctx(), NOW)[2]).toEqual(
      full({ role: 'worker', action: 'bid', command: `taskmarket task bid ${ID} --price <usdc>`, availableUntil: NOW + HOUR }),
    );
    expect(computePendingActions(english({ currentLowestBid: 2_800_000n }), ctx({ bidCount: 3 }), NOW)).toEqual([
      full({
        role: 'worker',
        action: 'bid',
        command: `taskmarket task bid ${ID} --price <usdc> # current lowest: $2.800000`,
        availableUntil: NOW + HOUR,
      }),
    ]);
  });

  it('english after the deadline: select_winner with bids, management without', () => {
    const at = NOW + HOUR;
    expect(computePendingActions(english(), ctx({ bidCount: 2 }), at)).toEqual([
      full({ role: 'anyone', action: 'select_winner', command: `taskmarket task select-winner ${ID}`, availableUntil: EXP }),
    ]);
    expect(names(computePendingActions(english(), ctx(), at))).toEqual(['cancel', 'update']);
  });

  it('reverse english and untyped auctions use the sealed template', () => {
    for (const auctionType of ['reverse_english', null] as const) {
      const got = computePendingActions(english({ auctionType }), ctx({ bidCount: 5 }), NOW);
      expect(got).toEqual([
        full({
          role: 'worker',
          action: 'bid',
          command: `taskmarket task bid ${ID} --price <usdc> # 5 sealed bid(s) placed`,
          availableUntil: NOW + HOUR,
        }),
      ]);
    }
    expect(computePendingActions(english({ auctionType: 'reverse_english' }), ctx(), NOW)[2]?.command).toBe(
      `taskmarket task bid ${ID} --price <usdc> # 0 sealed bid(s) placed`,
    );
  });

  it('auction bid window falls back to expiry without bidDeadline', () => {
    expect(computePendingActions(english({ bidDeadline: null }), ctx(), NOW)[2]?.availableUntil).toBe(EXP);
  });

  it('expired auction with bids → refund_expired only', () => {
    expect(names(computePendingActions(english({ expiryTime: NOW }), ctx({ bidCount: 1 }), NOW))).toEqual(['refund_expired']);
  });

  it('claimed: submit names the worker; no worker → nothing', () => {
    const task = makeTask({ mode: 'claim', status: 'claimed', claimedBy: WORKER, expiryTime: EXP });
    expect(computePendingActions(task, ctx(), NOW)).toEqual([
      full({
        role: 'worker',
        action: 'submit',
        command: `taskmarket task submit ${ID} --file <path>`,
        eligibleAddress: WORKER,
        availableUntil: EXP,
      }),
    ]);
    expect(computePendingActions({ ...task, claimedBy: null }, ctx(), NOW)).toEqual([]);
  });

  it('claimed claim task at expiry → forfeit available after expiry', () => {
    const task = makeTask({ mode: 'claim', status: 'claimed', claimedBy: WORKER, expiryTime: NOW });
    expect(computePendingActions(task, ctx(), NOW)).toEqual([
      full({
        role: 'requester',
        action: 'forfeit',
        command: `taskmarket task forfeit ${ID}`,
        eligibleAddress: REQUESTER,
        availableAfter: NOW,
      }),
    ]);
  });

  it('pending_approval accept: until expiry for claim, open-ended for bounty; W falls back', () => {
    const claim = makeTask({ mode: 'claim', status: 'pending_approval', claimedBy: WORKER, expiryTime: EXP });
    expect(computePendingActions(claim, ctx(), NOW)).toEqual([
      full({
        role: 'requester',
        action: 'accept',
        command: `taskmarket task accept ${ID} --worker ${WORKER}`,
        eligibleAddress: REQUESTER,
        availableUntil: EXP,
      }),
    ]);
    const bounty = makeTask({ status: 'pending_approval', expiryTime: NOW - 1 });
    expect(computePendingActions(bounty, ctx(), NOW)[0]).toMatchObject({
      command: `taskmarket task accept ${ID} --worker <address>`,
      availableUntil: null,
    });
    expect(computePendingActions(bounty, ctx({ latestSubmissionWorker: '0xLSW' }), NOW)[0]?.command).toBe(
      `taskmarket task accept ${ID} --worker 0xLSW`,
    );
  });

  it('review: evaluate (review template) and evaluator_timeout from evaluatorDeadline on', () => {
    const task = makeTask({ mode: 'claim', status: 'review', claimedBy: WORKER, evaluator: EVALUATOR, evaluatorDeadline: NOW });
    expect(computePendingActions(task, ctx(), NOW)).toEqual([
      full({
        role: 'evaluator',
        action: 'evaluate',
        command: `taskmarket task evaluate ${ID} --verdict approve --award <worker>:<amount-usdc>:1 --score 1000`,
        eligibleAddress: EVALUATOR,
      }),
      full({
        role: 'requester',
        action: 'evaluator_timeout',
        command: `taskmarket task evaluator-timeout ${ID}`,
        eligibleAddress: REQUESTER,
        availableAfter: NOW,
      }),
    ]);
    expect(names(computePendingActions(task, ctx(), NOW - 1))).toEqual(['evaluate']);
  });

  it('appealing: appeal until the deadline, then finalize_verdict', () => {
    const task = makeTask({ mode: 'claim', status: 'appealing', claimedBy: WORKER, appealDeadline: NOW + 1 });
    expect(computePendingActions(task, ctx(), NOW)).toEqual([
      full({
        role: 'worker',
        action: 'appeal',
        command: `taskmarket task appeal ${ID}`,
        eligibleAddress: WORKER,
        availableUntil: NOW + 1,
      }),
    ]);
    expect(computePendingActions(task, ctx(), NOW + 1)).toEqual([
      full({
        role: 'anyone',
        action: 'finalize_verdict',
        command: `taskmarket task finalize-verdict ${ID}`,
        availableAfter: NOW + 1,
      }),
    ]);
  });

  it('appealing contest: appeal only for an eligible identified caller (tasks.get post-filter)', () => {
    const task = makeTask({ status: 'appealing', appealDeadline: NOW + HOUR });
    expect(computePendingActions(task, ctx(), NOW)).toEqual([]);
    const got = computePendingActions(task, ctx({ appealEligibleWorker: '0xCaller' }), NOW);
    expect(got.map((a) => [a.action, a.eligibleAddress])).toEqual([['appeal', '0xCaller']]);
  });

  it('disputed → resolve_dispute for the resolver', () => {
    const task = makeTask({ status: 'disputed', disputeResolver: RESOLVER });
    expect(computePendingActions(task, ctx(), NOW)).toEqual([
      full({
        role: 'dispute_resolver',
        action: 'resolve_dispute',
        command: `taskmarket task resolve-dispute ${ID} --verdict approve --award <worker>:<amount-usdc>:<rank>`,
        eligibleAddress: RESOLVER,
      }),
    ]);
  });

  it('completed: one rate per distinct unrated award worker, in award order', () => {
    const task = makeTask({ status: 'completed' });
    const awardWorkers = [
      { address: '0xAAA', rating: null },
      { address: '0xBBB', rating: 80 },
      { address: '0xaaa', rating: null },
      { address: '0xCCC', rating: null },
      { address: '0xccc', rating: 10 },
      { address: '0xDDD', rating: null },
    ];
    const got = computePendingActions(task, ctx({ awardWorkers }), NOW);
    expect(got).toEqual(
      ['0xAAA', '0xDDD'].map((w) =>
        full({
          role: 'requester',
          action: 'rate',
          command: `taskmarket task rate ${ID} --worker ${w} --rating <0-100>`,
          eligibleAddress: REQUESTER,
          targetWorker: w,
        }),
      ),
    );
    expect(computePendingActions(task, ctx({ awardWorkers: [{ address: '0xAAA', rating: 0 }] }), NOW)).toEqual([]);
  });
});

describe('latestSubmissionWorker (ADR-0027)', () => {
  const s = (workerAddress: string, rejected = false) => ({ workerAddress, rejectedAt: rejected ? NOW : null });
  it.each<[string, ReturnType<typeof s>[], TaskStatus, Mode, string | null]>([
    ['one submitter, contest', [s('0xA'), s('0xA')], 'open', 'bounty', '0xA'],
    ['benchmark', [s('0xA')], 'open', 'benchmark', '0xA'],
    ['two submitters', [s('0xA'), s('0xB')], 'open', 'bounty', null],
    ['exact-string grouping: case differs', [s('0xA'), s('0xa')], 'open', 'bounty', null],
    ['rejected submitters ignored', [s('0xA'), s('0xB', true)], 'open', 'bounty', '0xA'],
    ['all rejected', [s('0xA', true)], 'open', 'bounty', null],
    ['none', [], 'pending_approval', 'claim', null],
    ['claim pending_approval', [s('0xA')], 'pending_approval', 'claim', '0xA'],
    ['claim claimed: not computed', [s('0xA')], 'claimed', 'claim', null],
  ])('%s', (_name, subs, status, mode, expected) => {
    expect(latestSubmissionWorker(subs, status, mode)).toBe(expected);
  });
});
