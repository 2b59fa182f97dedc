import { describe, expect, it } from 'vitest';
import {
  acceptSettlement,
  auctionSettlement,
  cancelSettlement,
  DEFAULT_PLATFORM_FEE_BPS,
  evaluationBudget,
  payout,
  refundExpiredSettlement,
  rewardChange,
  splitShares,
  updatePaymentAmount,
  verdictSettlement,
} from '../../src/core/settlement.js';

describe('fees', () => {
  it('default is 500 bps; fee truncates, worker keeps the rest', () => {
    expect(DEFAULT_PLATFORM_FEE_BPS).toBe(500);
    expect(payout(5_000_000n)).toEqual({ gross: 5_000_000n, platformFee: 250_000n, workerPayment: 4_750_000n });
    expect(payout(19n)).toEqual({ gross: 19n, platformFee: 0n, workerPayment: 19n });
    expect(payout(1_000_000n, 0)).toEqual({ gross: 1_000_000n, platformFee: 0n, workerPayment: 1_000_000n });
    expect(acceptSettlement(1_000_001n, 250)).toEqual({
      gross: 1_000_001n,
      platformFee: 25_000n,
      workerPayment: 975_001n,
      requesterRefund: 0n,
    });
  });

  it('conserves money for huge amounts', () => {
    const gross = 10n ** 30n + 7n;
    const p = payout(gross, 333);
    expect(p.platformFee + p.workerPayment).toBe(gross);
  });
});

describe('auctionSettlement (§3.3)', () => {
  it.each([
    [5_000_000n, 3_000_000n, 150_000n, 2_850_000n, 2_000_000n],
    [5_000_000n, 5_000_000n, 250_000n, 4_750_000n, 0n],
    [5_000_000n, 1n, 0n, 1n, 4_999_999n],
    [5_000_000n, 0n, 0n, 0n, 5_000_000n],
  ])('max %s at price %s → fee %s, worker %s, refund %s', (max, price, fee, worker, refund) => {
    const s = auctionSettlement(max, price);
    expect(s).toEqual({ gross: price, platformFee: fee, workerPayment: worker, requesterRefund: refund });
    expect(s.platformFee + s.workerPayment + s.requesterRefund).toBe(max);
  });
  it('rejects prices outside 0..max', () => {
    expect(() => auctionSettlement(10n, 11n)).toThrow(RangeError);
    expect(() => auctionSettlement(10n, -1n)).toThrow(RangeError);
  });
});

describe('splitShares (accept-submissions §1.8)', () => {
  it('splits by share, ranks in order, refunds the truncation dust', () => {
    const r = splitShares(1_000_001n, [
      { worker: '0xA', share: 3333 },
      { worker: '0xB', share: 3333 },
      { worker: '0xC', share: 3334 },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.awards.map((a) => [a.worker, a.rank, a.gross])).toEqual([
      ['0xA', 1, 333_300n],
      ['0xB', 2, 333_300n],
      ['0xC', 3, 333_400n],
    ]);
    expect(r.awards[0]).toMatchObject({ platformFee: 16_665n, workerPayment: 316_635n });
    expect(r.requesterRefund).toBe(1n);
    expect(r.awards.reduce((s, a) => s + a.gross, 0n) + r.requesterRefund).toBe(1_000_001n);
  });

  it('a single 10000 winner takes everything', () => {
    const r = splitShares(7n, [{ worker: '0xA', share: 10_000 }]);
    expect(r).toEqual({ ok: true, awards: [{ worker: '0xA', rank: 1, gross: 7n, platformFee: 0n, workerPayment: 7n }], requesterRefund: 0n });
  });

  it.each([
    ['sum ≠ 10000', [{ worker: '0xA', share: 5000 }, { worker: '0xB', share: 4999 }], 'Winner shares must sum to 10000 basis points (got 9999)'],
    ['duplicate (any case)', [{ worker: '0xA', share: 5000 }, { worker: '0xa', share: 5000 }], 'Duplicate award worker'],
    ['share 0', [{ worker: '0xA', share: 0 }, { worker: '0xB', share: 10_000 }], 'Winner share must be an integer between 1 and 10000'],
    ['fractional share', [{ worker: '0xA', share: 9999.5 }, { worker: '0xB', share: 0.5 }], 'Winner share must be an integer between 1 and 10000'],
    ['no winners', [], 'At least one winner is required'],
  ])('rejects %s', (_name, winners, error) => {
    expect(splitShares(1_000_000n, winners)).toEqual({ ok: false, status: 400, error });
  });

  it('a share that pays nothing reverts ZeroPayoutPerPair', () => {
    expect(splitShares(1n, [{ worker: '0xA', share: 1 }, { worker: '0xB', share: 9999 }])).toMatchObject({
      ok: false,
      error: 'Contract call rejected: ZeroPayoutPerPair',
    });
  });
});

describe('refunds (§3.3, §4.2)', () => {
  const base = { reward: 5_000_000n, maxPrice: 5_000_000n, claimedBy: '0xW', platformFeeBps: 500 };
  it('cancel refunds the whole escrow', () => {
    expect(cancelSettlement(5_000_000n)).toEqual({ status: 'cancelled', requesterRefund: 5_000_000n, workerPayout: null });
  });
  it('refund-expired of an open task refunds the requester', () => {
    expect(refundExpiredSettlement({ ...base, mode: 'bounty', status: 'open', claimedBy: null }, null)).toEqual({
      status: 'expired',
      requesterRefund: 5_000_000n,
      workerPayout: null,
    });
    expect(refundExpiredSettlement({ ...base, mode: 'claim', status: 'claimed' }, null).status).toBe('expired');
  });
  it('refund-expired of a claimed auction auto-pays the winner', () => {
    expect(refundExpiredSettlement({ ...base, mode: 'auction', status: 'claimed' }, 2_000_000n)).toEqual({
      status: 'completed',
      requesterRefund: 3_000_000n,
      workerPayout: { worker: '0xW', gross: 2_000_000n, platformFee: 100_000n, workerPayment: 1_900_000n },
    });
  });
});

describe('update (§1.1, §1.2)', () => {
  it.each<[bigint, bigint | undefined, bigint]>([
    [5_000_000n, undefined, 1000n],
    [5_000_000n, 5_000_000n, 1000n],
    [5_000_000n, 4_000_000n, 1000n],
    [5_000_000n, 5_000_001n, 1001n],
    [5_000_000n, 7_000_000n, 2_001_000n],
  ])('payment for %s → %s is %s', (current, next, amount) => {
    expect(updatePaymentAmount(current, next)).toBe(amount);
  });

  it('reward deltas: increase charged, decrease refunded, restated reward sent as 0', () => {
    expect(rewardChange(5n, 8n)).toEqual({ increase: 3n, refund: 0n, chainReward: 8n });
    expect(rewardChange(5n, 2n)).toEqual({ increase: 0n, refund: 3n, chainReward: 2n });
    expect(rewardChange(5n, 5n)).toEqual({ increase: 0n, refund: 0n, chainReward: 0n });
    expect(rewardChange(5n)).toEqual({ increase: 0n, refund: 0n, chainReward: 0n });
  });
});

describe('evaluationBudget (§1.9)', () => {
  it('awards may use reward minus the truncated evaluator fee', () => {
    expect(evaluationBudget(1_000_000n, 1000)).toEqual({ evaluatorFee: 100_000n, awardable: 900_000n });
    expect(evaluationBudget(9n, 1000)).toEqual({ evaluatorFee: 0n, awardable: 9n });
  });
});

describe('verdictSettlement (§1.9)', () => {
  it('reject cancels and refunds reward minus the evaluator fee', () => {
    expect(verdictSettlement(1_000_000n, 1000, 'reject', [])).toEqual({
      status: 'cancelled',
      evaluatorFee: 100_000n,
      payouts: [],
      requesterRefund: 900_000n,
    });
  });
  it('approve pays awards and refunds the rest', () => {
    const s = verdictSettlement(1_000_000n, 1000, 'approve', [{ worker: '0xA', amount: 600_000n, rank: 1 }]);
    expect(s).toEqual({
      status: 'completed',
      evaluatorFee: 100_000n,
      payouts: [{ worker: '0xA', rank: 1, gross: 600_000n, platformFee: 30_000n, workerPayment: 570_000n }],
      requesterRefund: 300_000n,
    });
  });
  it('awards over the budget throw', () => {
    expect(() => verdictSettlement(1_000_000n, 1000, 'partial', [{ worker: '0xA', amount: 900_001n, rank: 1 }])).toThrow(
      'Evaluation awards exceed task escrow',
    );
  });
});
