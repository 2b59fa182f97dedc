// The whole Execution Market bounty flow from both sides, through the keyboard, in a real pty: the desk
// (`--api --em-api`, the operator's own keystore wallet, on a simulator this test watches) publishes,
// assigns (escrow locked), approves (87 % to the worker, 13 % fee, exact at the ledger) and rates; then
// works a counterparty's bounty: applies from the Feed (x), submits evidence, is paid 87 %. Every action is
// journaled: `:journal` lists it with its completion report and `taskdesk journal` from a shell agrees.
// EM allows a wallet 60 requests a minute and the desk spends about ten of them around each action, so the
// test keeps an operator's pace (a breath before each ticket) and checks the desk was never answered 429.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emFeedRow, liveDesk, removeEmHomes, selectAction, selectFeedRow, type EmDesk } from '../e2e-helpers/em-desk.js';
import { journalActions, journalCli, journalRows, journalView } from '../e2e-helpers/em-journal.js';
import { emParty, EVIDENCE, type EmParty } from '../e2e-helpers/em-party.js';
import { EmTicket } from '../e2e-helpers/em-ticket.js';
import { startEmSim, type EmSim } from '../e2e-helpers/em-sim.js';
import { killAllPtys } from '../e2e-helpers/pty.js';

const TREASURY = '0xe4e4000000000000000000000000000000f0e013';
const BOUNTY = 50_000n; // 0.05 USDC
const NET = 43_500n; // 87 %
const FEE = 6_500n; // 13 %

let sim: EmSim;
let d: EmDesk;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The desk's signed EM requests in the last minute (what EM's per-wallet limit counts). */
const used = () => sim.seen.filter((s) => s.signer === d.wallet && s.at > Date.now() - 60_000).length;
/** An operator's pace: a ticket is opened once the last minute left at least 20 of the 60 requests free. */
async function breathe(): Promise<void> {
  while (used() > 40) await sleep(500);
}

interface Ledger {
  balances: Record<string, string>;
  escrows: Record<string, string>;
}
async function ledger(): Promise<Ledger> {
  const r = await fetch(`${d.simUrl}/sim/ledger`);
  expect(r.status).toBe(200);
  return (await r.json()) as Ledger;
}
const bal = (l: Ledger, a: string) => BigInt(l.balances[a.toLowerCase()] ?? '0');
const escrow = (l: Ledger, taskId: string) => BigInt(l.escrows[`em:${taskId}`] ?? '0');

/** Enter on the task's Actions row opens its ticket; confirm it; the report says verified. */
async function actFromActions(taskId: string, action: string, title: string, fill: Record<string, string> = {}) {
  await breathe();
  await selectAction(d.p, taskId, action);
  d.p.write('\r');
  const t = new EmTicket(d.p);
  await t.opened(title);
  for (const [label, value] of Object.entries(fill)) await t.fill(label, value);
  const out = await t.confirm();
  expect(out.ok, out.text).toBe(true);
  expect(out.title).toBe('verified');
  const text = t.text();
  await t.close();
  return { ...out, text };
}

/** The journal's actions as the view and the CLI show them: same rows, every one verified with its report. */
async function checkJournal(expected: string[]) {
  const view = await journalView(d.p);
  const shown = journalRows(view);
  // The shell lists oldest first, the view newest first: the same rows.
  const cli = journalRows(await journalCli(d.env));
  expect(cli).toEqual([...shown].reverse());
  const actions = journalActions(d.journalPath);
  expect(actions.map((a) => a.intent?.action)).toEqual(expected);
  for (const a of actions) {
    expect(a.records.map((r) => r.step), a.intent?.action).toEqual(['intent', 'approved', 'sent', 'response', 'verified']);
    const row = shown.find((r) => r.id === a.actionId.slice(0, 8));
    expect(row, `${a.intent?.action} in :journal`).toMatchObject({ market: 'execution-market', action: a.intent!.action, outcome: 'verified' });
    // Its completion report is in the view, and `taskdesk journal report` prints the same lines.
    expect(view.some((l) => l.includes(`Report ${a.actionId}`)), `report heading ${a.actionId}`).toBe(true);
    const head = `Completion report: action ${a.actionId} (verified)`;
    expect(view.some((l) => l.includes(head)), head).toBe(true);
    const report = (await journalCli(d.env, 'report', a.actionId)).filter((l) => l.trim() !== '');
    expect(report[0]).toContain(head);
    // The view pads less and wraps: compare words.
    const words = (l: string) => l.trim().replace(/\s+/g, ' ');
    const key = words(report.find((l) => l.includes('Idempotency key'))!);
    expect(view.some((l) => words(l) === key), key).toBe(true);
  }
  return shown;
}

beforeAll(async () => {
  sim = await startEmSim();
  d = await liveDesk(sim.url, { fund: 20_000_000n });
  d.p.write(':market em\r');
  await d.p.waitFor('market:em', 10_000);
}, 90_000);
afterAll(async () => {
  killAllPtys();
  removeEmHomes();
  await sim?.close();
});

describe('the desk as publisher: publish → assign (escrow) → approve (87/13) → rate', () => {
  let worker: EmParty;
  let taskId: string;

  it(':publish, filled and confirmed by typing the amount, publishes a task that nothing pays for yet', async () => {
    const before = await ledger();
    await breathe();
    d.p.write(':publish\r');
    const t = new EmTicket(d.p);
    await t.opened('Publish a task');
    expect(t.text()).toContain(`acting as             ${d.wallet}`);
    await t.fill('title', '[KK Request] Raw Chat Logs (desk)');
    await t.fill('instructions', 'Deliver raw Twitch chat logs as JSON with at least 100 records.');
    await t.fill('bounty (USDC)', '0.05');
    const out = await t.confirm();
    expect(out.phrase).toBe('0.050000');
    expect(out.ok, out.text).toBe(true);
    expect(out.title).toBe('verified');
    taskId = /Task ID ([0-9a-f-]{36}) \(created\)/.exec(out.text)![1]!;
    await t.close();
    await d.p.waitFor(() => emFeedRow(d.p, taskId) !== null, 15_000);
    expect(bal(await ledger(), d.wallet)).toBe(bal(before, d.wallet));
  }, 60_000);

  it('a counterparty applies; the desk’s Actions offer assign; its ticket names the wallet and locks the bounty', async () => {
    worker = await emParty(d.simUrl, { name: 'kk-karma-hello (e2e)' });
    await worker.apply(taskId);
    const before = await ledger();
    await breathe();
    await selectAction(d.p, taskId, 'assign');
    d.p.write('\r');
    const t = new EmTicket(d.p);
    await t.opened('Assign an applicant');
    await d.p.waitFor(() => (t.value('worker (the escrow pays this wallet)') ?? '').startsWith(worker.lower), 15_000);
    const ask = await t.check();
    expect(ask).toEqual({ kind: 'typed', phrase: '0.050000' });
    // The effect lines in base units (a long line may wrap: read the words, not the layout).
    const words = t.text().replace(/\s+/g, ' ');
    expect(words).toContain(`escrow locked now ${BOUNTY} base units (0.050000 USDC) from your wallet, receiver ${worker.lower}`);
    expect(words).toContain(`split at release ${NET} to the worker ${worker.lower} (87 %), ${FEE} platform fee (1300 bps)`);
    const out = await t.confirm();
    expect(out.ok, out.text).toBe(true);
    expect(out.title).toBe('verified');
    await t.close();
    const after = await ledger();
    expect(escrow(after, taskId)).toBe(BOUNTY);
    expect(bal(before, d.wallet) - bal(after, d.wallet)).toBe(BOUNTY);
  }, 60_000);

  it('the worker submits evidence; the desk approves from its ticket: 87 % to the worker, 13 % fee, to the base unit', async () => {
    await worker.submit(taskId, EVIDENCE);
    const before = await ledger();
    const out = await actFromActions(taskId, 'approve', 'Approve and pay');
    expect(out.phrase).toBe('0.050000');
    const after = await ledger();
    expect(bal(after, worker.lower)).toBe(NET);
    expect(bal(after, TREASURY) - bal(before, TREASURY)).toBe(FEE);
    expect(escrow(after, taskId)).toBe(0n);
    expect(bal(after, d.wallet)).toBe(bal(before, d.wallet));
  }, 60_000);

  it('the desk rates the worker; the journal lists all four actions, each verified with its report', async () => {
    await actFromActions(taskId, 'rate_worker', 'Rate the worker', { 'score 0-100': '90' });
    const rows = await checkJournal(['em_publish', 'em_assign', 'em_approve', 'em_rate_worker']);
    expect(rows.map((r) => r.action)).toEqual(['em_rate_worker', 'em_approve', 'em_assign', 'em_publish']);
  }, 90_000);
});

describe('the desk as worker: apply from the Feed → assigned → submit evidence → paid 87 %', () => {
  let buyer: EmParty;
  let taskId: string;

  it('a counterparty publishes; x on its Feed row opens the apply ticket; the desk applies', async () => {
    buyer = await emParty(d.simUrl, { fund: 1_000_000n, name: 'kk-juanjumagalp (e2e)' });
    ({ id: taskId } = await buyer.publish({ title: '[KK Request] Skill Profiles (for the desk)', bounty: BOUNTY }));
    await d.p.waitFor(() => emFeedRow(d.p, taskId) !== null, 15_000);
    await breathe();
    await selectFeedRow(d.p, taskId);
    d.p.write('x');
    const t = new EmTicket(d.p);
    await t.opened('Apply', 'apply');
    const out = await t.confirm();
    expect(out.ok, out.text).toBe(true);
    expect(out.title).toBe('verified');
    await t.close();
  }, 60_000);

  it('assigned by the buyer, the desk submits evidence from its ticket; approved, it is paid 87 % exactly', async () => {
    await buyer.assignWallet(taskId, d.wallet);
    expect(escrow(await ledger(), taskId)).toBe(BOUNTY);
    await actFromActions(taskId, 'submit', 'Submit evidence', { 'evidence (JSON keyed by evidence type)': JSON.stringify(EVIDENCE) });
    const before = await ledger();
    const paid = await buyer.approvePending(taskId);
    expect(paid).toEqual({ workerNet: NET, platformFee: FEE });
    const after = await ledger();
    expect(bal(after, d.wallet) - bal(before, d.wallet)).toBe(NET);
    // The header's balance is the ledger's once it is read again (it polls once a minute; R reads now).
    const shown = (Number(bal(after, d.wallet)) / 1e6).toFixed(6);
    d.p.write('R');
    await d.p.waitFor(`${shown} USDC`, 20_000);
  }, 90_000);

  it('the journal now also lists apply and submit, verified, and the shell agrees; EM never had to say 429', async () => {
    await checkJournal(['em_publish', 'em_assign', 'em_approve', 'em_rate_worker', 'em_apply', 'em_submit']);
    const refused = sim.seen.filter((s) => s.signer === d.wallet && s.status === 429);
    expect(refused.map((s) => `${s.method} ${s.path}`)).toEqual([]);
  }, 60_000);
});
