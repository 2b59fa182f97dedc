// The guide's Completion Report from journal records: every field it lists, and the caveats
// (auction-price drift, expiry, storage, network, on-chain rejection, unresolved).
import { describe, expect, it } from 'vitest';
import { completionReport, formatCompletionReport } from '../../src/exec/completion-report.js';
import { groupActions } from '../../src/exec/journal-actions.js';
import { journalError, stepRecord, type JournalRecord } from '../../src/exec/journal.js';
import { at, dutchAction, intentFor, SIM_URL, TASK, TX, WALLET } from './journal-fixtures.js';

const reportOf = (records: JournalRecord[]) => {
  const [a] = groupActions(records);
  return completionReport(a!);
};
const field = (r: ReturnType<typeof reportOf>, label: string) => r.fields.find((f) => f.label === label)?.value;

describe('completion report', () => {
  it('a dutch auction-accept: every field of the guide, and the drift from the 1.2 guard to the 1.15 accepted', () => {
    const r = reportOf(dutchAction(1));
    expect(r.fields.map((f) => f.label)).toEqual([
      'Task ID',
      'Network and API URL',
      'Wallet',
      'Mode and action taken',
      'Amounts',
      'Submitted file or proof',
      'Returned ID or tx hash',
      'Verification',
    ]);
    expect(field(r, 'Task ID')).toBe(TASK);
    expect(field(r, 'Network and API URL')).toBe(`base-sepolia (chain 84532), ${SIM_URL}`);
    expect(field(r, 'Wallet')).toBe(WALLET);
    expect(field(r, 'Mode and action taken')).toBe('auction (dutch): auction_accept as worker, native executor, confirmed by typing "1.2", 1 attempt');
    expect(field(r, 'Amounts')).toBe('amount 1.200000 USDC, fee 0.001000 USDC, up to 1.001000 USDC leaves the wallet');
    expect(field(r, 'Submitted file or proof')).toBe('none (this action submits no file or proof)');
    expect(field(r, 'Returned ID or tx hash')).toBe(`txHash ${TX}, workerAddress ${WALLET}, acceptedPrice 1.150000 USDC`);
    expect(field(r, 'Verification')).toBe(`verified: status claimed, auctionBidCount +1, claimedBy ${WALLET}`);
    expect(r.caveats).toEqual([
      'auction-price drift: 1.200000 shown at approval, 1.150000 accepted (-0.050000, -4.16%)',
      'accepted price 1.150000 is below the guard 1.200000: the market did not honour --min-price; report it',
      'expiry: the task expires at 2026-06-22T13:01:00.000Z (179 min after the last step)',
      `network: the local simulator at ${SIM_URL}; no real funds moved`,
    ]);
    expect(r.outcome).toBe('verified');
    expect(r.idempotencyKey).toBe(intentFor(1).idempotencyKey);
  });

  it('drift without a guard breach: shown 1.2, guard 1.1, accepted 1.15', () => {
    const i = intentFor(1, { amount: 1_100_000n, params: { minPrice: 1_100_000n } }, { shownPrice: 1_200_000n });
    const r = reportOf([i, stepRecord(i, 'response', { ok: true, result: { acceptedPrice: 1_150_000n } })]);
    expect(r.caveats[0]).toBe('auction-price drift: 1.200000 shown at approval, 1.150000 accepted (-0.050000, -4.16%)');
    expect(r.caveats.some((c) => c.includes('below the guard'))).toBe(false);
    expect(r.caveats).toContain('no outcome recorded: it is reconciled against the market on the next start, before it can be offered again');
    expect(field(r, 'Verification')).toBe('not verified yet');
  });

  it('a submission: the files, the submission id, the storage caveat', () => {
    const i = intentFor(2, { action: 'submit', mode: 'claim', auctionType: null, amount: null, fee: 0n, spend: 0n, params: { files: ['out/report.md', 'out/data.csv'] } });
    const r = reportOf([
      i,
      stepRecord(i, 'sent', { attempt: 1 }),
      stepRecord(i, 'response', { ok: true, result: { submissionId: 'sub_42' } }),
      stepRecord(i, 'verified', { expected: { countDelta: { submissionCount: 1 } }, observed: { countDelta: { submissionCount: 1 }, status: 'pending_approval' } }),
    ]);
    expect(field(r, 'Submitted file or proof')).toBe('2 files: out/report.md, out/data.csv');
    expect(field(r, 'Returned ID or tx hash')).toBe('submissionId sub_42');
    expect(field(r, 'Verification')).toBe('verified: status pending_approval, submissionCount +1');
    expect(field(r, 'Mode and action taken')).toBe('claim: submit as worker, native executor, no approval recorded, 1 attempt');
    expect(r.caveats).toContain('storage: submission sub_42 recorded by the market');
  });

  it('a failed upload says no submission was recorded', () => {
    const i = intentFor(2, { action: 'submit', mode: 'bounty', auctionType: null, params: { files: ['a.txt'] } });
    const r = reportOf([i, stepRecord(i, 'sent', { attempt: 1 }), stepRecord(i, 'response', { ok: false, error: { kind: 'network', message: 'upload reset' } })]);
    expect(r.caveats).toContain('storage: no submission recorded; the guide says stop after one retry of a failed upload');
    expect(r.caveats).toContain('last response failed (network): upload reset');
  });

  it('a proof: type and a summary of the data', () => {
    const i = intentFor(3, { action: 'submit_proof', mode: 'benchmark', auctionType: null, params: { type: 'score', data: 'accuracy=0.93 on 1000 samples, seed 7, commit deadbeef' } });
    const r = reportOf([i]);
    expect(field(r, 'Submitted file or proof')).toBe('proof of type score, 54 characters: accuracy=0.93 on 1000 samples, seed 7, commit d…');
  });

  it('an on-chain rejection: do not retry; the refusal is the outcome', () => {
    const i = intentFor(4, { action: 'bid', auctionType: 'english', amount: 900_000n, params: { price: 900_000n } });
    const r = reportOf([
      i,
      stepRecord(i, 'sent', { attempt: 1 }),
      stepRecord(i, 'response', { ok: false, httpStatus: 400, error: journalError('http', 'Contract call rejected: BidDeadlinePassed') }),
    ]);
    expect(r.outcome).toBe('refused BidDeadlinePassed');
    expect(field(r, 'Verification')).toBe('not applicable: the market refused the action, nothing changed');
    expect(r.caveats).toContain('on-chain rejection BidDeadlinePassed: do not retry; re-fetch the task and re-check pendingActions');
    expect(r.caveats.some((c) => c.startsWith('no outcome recorded'))).toBe(false);
  });

  it('a created task: the task id comes from the response; retries and reconciliation are told', () => {
    const i = intentFor(5, { action: 'create_task', taskId: null, role: 'requester', mode: 'bounty', auctionType: null, amount: 5_000_000n, spend: 5_000_000n, fee: 0n, params: {} });
    const r = reportOf([
      i,
      stepRecord(i, 'sent', { attempt: 1 }),
      stepRecord(i, 'response', { ok: false, error: { kind: 'timeout', message: 'no answer' } }),
      stepRecord(i, 'sent', { attempt: 2 }),
      stepRecord(i, 'response', { ok: true, result: { taskId: TASK, intentId: 'int_1' } }),
      stepRecord(i, 'mismatch', { expected: { status: 'open' }, observed: { status: 'expired' }, note: 'expired at once' }),
    ]);
    expect(field(r, 'Task ID')).toBe(`${TASK} (created)`);
    expect(field(r, 'Returned ID or tx hash')).toBe(`taskId ${TASK}, intentId int_1`);
    expect(field(r, 'Verification')).toBe('MISMATCH: expected status open; observed status expired (expired at once)');
    expect(r.caveats).toContain(`sent 2 times, every time with idempotency key ${i.idempotencyKey}`);
    expect(r.caveats).toContain('state disagrees after the re-fetch: stop and report (guide Stop Conditions)');
  });

  it('live Base mainnet, an agent, an expired task, gate warnings, reconciled after restart', () => {
    const i = intentFor(6, { agent: 'scout-1' }, { taskExpiresAt: at(6).getTime() - 60_000 });
    const live = { ...i, apiUrl: 'https://api.taskmarket.dev', network: { name: 'base', chainId: 8453 } };
    const r = reportOf([
      live,
      stepRecord(live, 'approved', { confirmation: 'typed', phrase: '1.2', checks: [{ id: 'balance', status: 'warn' }, { id: 'network', status: 'pass' }] }, at(6, 1)),
      stepRecord(live, 'sent', { attempt: 1 }, at(6, 2)),
      stepRecord(live, 'reconciled', { outcome: 'done', how: 'intents', note: 'intent completed' }, at(7)),
    ]);
    expect(field(r, 'Wallet')).toBe(`${WALLET} (agent scout-1)`);
    expect(field(r, 'Network and API URL')).toBe('base (chain 8453), https://api.taskmarket.dev');
    expect(field(r, 'Verification')).toBe('reconciled after a restart via intents: done (intent completed)');
    expect(field(r, 'Returned ID or tx hash')).toBe('none recorded (reconciled done via intents)');
    expect(r.caveats).toEqual([
      'expiry: the task expired at 2026-06-22T10:05:00.000Z, before the last step',
      'network: Base mainnet; real USDC',
      'gate at approval: balance warn',
    ]);
  });

  it('formats as plain text with every journal string sanitised', () => {
    const i = intentFor(7, { payee: '\x1b]8;;http://evil\x07click\x1b]8;;\x07 \u202eevil', params: { files: ['a\x1b[2Jb.txt'] } });
    const lines = formatCompletionReport(
      reportOf([i, stepRecord(i, 'response', { ok: false, error: { kind: 'http', message: 'bad \x1b[31mred\x1b[0m\r\nline' } })]),
    );
    const text = lines.join('\n');
    expect(text).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(text).toContain('payee click evil');
    expect(text).toContain('1 file: ab.txt');
    expect(text).toContain('bad red line');
    expect(lines[0]).toBe(`Completion report: action ${i.actionId} (unresolved (http))`);
    // Labels in one column, as wide as the longest ("Submitted file or proof") plus two.
    expect(lines[1]).toBe(`  ${'Idempotency key'.padEnd(25)}${i.idempotencyKey}`);
    expect(lines[2]).toBe(`  ${'Task ID'.padEnd(25)}${TASK}`);
    expect(lines.filter((l) => l.startsWith('  Caveats'))).toHaveLength(1);
  });
});
