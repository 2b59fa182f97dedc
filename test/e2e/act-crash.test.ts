// Crash tests in a real pty against a separately started simulator: the desk is held at one journal step
// (TASKDESK_TEST_HOLD_STEP) while it acts, killed there with SIGKILL, and started again on the same HOME
// and journal. Each restart must settle what the killed desk left open with a `reconciled` record before
// anything else, and the simulator must show no duplicate side effect: a request that never left has no
// write at /sim/requests and no task or bid in the market; one that landed has exactly one effective write
// and one effect, never a second. Two chains of desk lives cover intent → approved → sent and response →
// verified; a separate test kills a create at `sent`. Each uses its own HOME, so the three run side by side.
import { afterAll, beforeAll, describe, it, vi } from 'vitest';
import type { JournalAction } from '../../src/exec/journal-actions.js';
import { killAllPtys, type PtySession } from '../e2e-helpers/pty.js';
import { deskHome, journalOf, removeHomes, startDesk, waitReady, type DeskHome } from '../e2e-helpers/acting-desk.js';
import { effective, startActSim, type ActSim } from '../e2e-helpers/act-sim.js';
import { SEED } from '../e2e-helpers/counterparty.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';

// A pty flow of several actions on a loaded 2-core machine: give each test room (waits are on screen content).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let sim: ActSim;
let english = '';
const WAIT = 20_000;

beforeAll(async () => {
  sim = await startActSim();
  english = (await sim.seed([SEED.english('3000000', 2)]))[0]!;
}, 60_000);

afterAll(async () => {
  killAllPtys();
  await sim?.stop();
  removeHomes();
});

type Step = 'intent' | 'approved' | 'sent' | 'response' | 'verified';

/** A desk life on `home`, held at `hold` (or not held). */
async function life(home: DeskHome, hold: Step | null): Promise<{ p: PtySession; t: TicketDriver }> {
  // --network: the network is confirmed once in act-worker/auctions; here every life goes straight to the ticket.
  const p = startDesk(sim, home, { args: ['--network', 'base-sepolia'], env: hold ? { TASKDESK_TEST_HOLD_STEP: hold } : {} });
  await waitReady(p, home);
  return { p, t: new TicketDriver(p) };
}

/** Fill and confirm a ticket that is already open; the desk then holds at its step ("Submitting…"). */
async function confirmHeld(t: TicketDriver, values: Record<string, string>): Promise<void> {
  await t.network();
  for (const [label, v] of Object.entries(values)) await t.fill(label, v);
  const ask = await t.check();
  await t.ready();
  t.p.write(ask.kind === 'typed' ? `${ask.phrase}\r` : 'y');
  await t.p.waitFor('Submitting', WAIT);
}

async function createHeld(t: TicketDriver, description: string): Promise<void> {
  await t.home();
  t.p.write('n');
  await t.p.waitFor('Ticket: New task', WAIT);
  await confirmHeld(t, { description, 'reward (USDC; auctions: the max price)': '1' });
}

/** Until the journal's newest action (of `home`) has `step` as its last record. */
async function heldAt(home: DeskHome, step: Step, p?: PtySession): Promise<JournalAction> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const a = journalOf(home).actions.at(-1);
    if (a && a.records.at(-1)?.step === step) return a;
    if (Date.now() > deadline) throw new Error(`the desk never reached ${step}: ${JSON.stringify(a?.records.map((r) => r.step))}\n${p?.screen() ?? ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Until `actionId` has a reconciled record (the restarted desk settles it before offering anything). */
async function reconciledOf(home: DeskHome, actionId: string): Promise<{ outcome: string; how: string; note: string }> {
  const deadline = Date.now() + WAIT;
  for (;;) {
    const r = journalOf(home).records.find((x) => x.actionId === actionId && x.step === 'reconciled');
    if (r && r.step === 'reconciled') return { outcome: r.outcome, how: r.how, note: r.note };
    if (Date.now() > deadline) throw new Error(`no reconciled record for ${actionId}: ${JSON.stringify(journalOf(home).records.filter((x) => x.actionId === actionId).map((x) => x.step))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Tasks in the market with this description (the side effect a create has). */
async function tasksNamed(description: string): Promise<string[]> {
  const page = await sim.get<{ tasks: { id: string; description: string }[] }>(`/api/tasks?status=open&limit=100`);
  return page.tasks.filter((x) => x.description === description).map((x) => x.id);
}

const keyOf = (a: JournalAction) => a.intent!.idempotencyKey;
const writesWith = async (a: JournalAction) => (await sim.requests()).filter((r) => r.idempotencyKey === keyOf(a));

describe.concurrent('SIGKILL at each journal step, then a restart on the same journal', () => {
  it('killed at intent, approved and sent: each reconciled not_done on the next start, nothing reached the market, the bid placed again once', async ({ expect }) => {
    const home = await deskHome(sim, { fund: 50_000_000n });
    const seen = {} as Record<Step, JournalAction>;
    const balance0 = await sim.balance(home.address);

    // 1. Held right after `intent`: nothing was approved or sent.
    let d = await life(home, 'intent');
    await createHeld(d.t, 'crash at intent');
    seen.intent = await heldAt(home, 'intent', d.p);
    d.p.kill();

    // 2. The restart reconciles it (never sent), then holds a second create at `approved`.
    d = await life(home, 'approved');
    expect(await reconciledOf(home, seen.intent.actionId)).toMatchObject({ outcome: 'not_done', how: 'none' });
    expect(await writesWith(seen.intent)).toEqual([]);
    expect(await tasksNamed('crash at intent')).toEqual([]);
    await createHeld(d.t, 'crash at approved');
    seen.approved = await heldAt(home, 'approved', d.p);
    d.p.kill();

    // 3. Reconciled (never sent); a paid bid is held at `sent` (fsync'd, the request not yet out).
    d = await life(home, 'sent');
    expect(await reconciledOf(home, seen.approved.actionId)).toMatchObject({ outcome: 'not_done', how: 'none' });
    expect(await writesWith(seen.approved)).toEqual([]);
    expect(await tasksNamed('crash at approved')).toEqual([]);
    await d.t.goto(english);
    await d.t.act('bid');
    await confirmHeld(d.t, { 'bid price': '2.5' });
    seen.sent = await heldAt(home, 'sent', d.p);
    d.p.kill();

    // 4. The market has no intent for the bid's key and no bid from this wallet: not done. The bid can be
    //    placed again (a new intent, a new key), and it lands once.
    d = await life(home, null);
    expect(await reconciledOf(home, seen.sent.actionId)).toMatchObject({ outcome: 'not_done', how: 'intents' });
    expect(await writesWith(seen.sent)).toEqual([]);
    expect((await sim.task(english)).auctionBidCount).toBe(0);
    await d.t.goto(english);
    await d.t.act('bid');
    const out = await d.t.finish({ 'bid price': '2.5' });
    expect(out, out.text).toMatchObject({ ok: true, title: 'verified' });

    const { actions } = journalOf(home);
    for (const a of actions) expect(a.resolved, `${a.intent?.action} ${a.actionId} (${a.state})`).toBe(true);
    expect(actions.filter((a) => a.reconciled).map((a) => a.actionId).sort()).toEqual([seen.intent, seen.approved, seen.sent].map((a) => a.actionId).sort());
    expect(await sim.get<unknown[]>(`/api/tasks/${english}/bids`)).toHaveLength(1);
    expect(await sim.balance(home.address)).toBe(balance0 - 1_000n); // one bid fee, no create
    d.p.kill();
  }, 150_000);

  it('killed at response and at verified: the landed create is reconciled done by its key and never repeated', async ({ expect }) => {
    const home = await deskHome(sim, { fund: 50_000_000n });
    const seen = {} as Record<Step, JournalAction>;
    const balance0 = await sim.balance(home.address);

    // 1. Held after the market's answer was journaled, before verification.
    let d = await life(home, 'response');
    await createHeld(d.t, 'crash at response');
    seen.response = await heldAt(home, 'response', d.p);
    d.p.kill();

    // 2. The create landed before the kill: reconciled done by its key (GET /api/intents), and never sent again.
    d = await life(home, 'verified');
    expect(await reconciledOf(home, seen.response.actionId)).toMatchObject({ outcome: 'done', how: 'intents' });
    expect(effective(await sim.requests(), keyOf(seen.response))).toHaveLength(1);
    expect(await tasksNamed('crash at response')).toHaveLength(1);
    await createHeld(d.t, 'crash at verified');
    seen.verified = await heldAt(home, 'verified', d.p);
    d.p.kill();

    // 3. Nothing left open: the verified create needs no reconciling and is not repeated.
    d = await life(home, null);
    await d.t.home();
    const { actions } = journalOf(home);
    for (const a of actions) expect(a.resolved, `${a.intent?.action} ${a.actionId} (${a.state})`).toBe(true);
    expect(actions.filter((a) => a.reconciled).map((a) => a.actionId)).toEqual([seen.response.actionId]);
    expect(journalOf(home).records.filter((r) => r.actionId === seen.verified.actionId).map((r) => r.step)).toEqual(['intent', 'approved', 'sent', 'response', 'verified']);
    for (const step of ['response', 'verified'] as const) {
      expect(effective(await sim.requests(), keyOf(seen[step])), step).toHaveLength(1);
      expect(await writesWith(seen[step]).then((w) => w.filter((r) => r.status === 402).length), `${step}: one x402 challenge`).toBe(1);
      expect(await tasksNamed(`crash at ${step}`), step).toHaveLength(1);
    }
    expect(await sim.balance(home.address)).toBe(balance0 - 2_000_000n); // two creates of 1 USDC, each once
    d.p.kill();
  }, 150_000);

  // A create that never left must be settled not_done (no intent, no such task), or the runner would refuse
  // every later create_task of the wallet.
  it('reconcile: a create killed at `sent` (never sent) is settled not_done and the desk can create again', async ({ expect }) => {
    const home = await deskHome(sim, { fund: 20_000_000n });
    let d = await life(home, 'sent');
    await createHeld(d.t, 'crash at sent');
    const held = await heldAt(home, 'sent', d.p);
    d.p.kill();

    d = await life(home, null);
    const rec = await reconciledOf(home, held.actionId);
    expect(await writesWith(held)).toEqual([]);
    expect(await tasksNamed('crash at sent')).toEqual([]);
    // GET /api/intents has no intent for the key and no such task exists: both say it was not done.
    expect(rec, rec.note).toMatchObject({ outcome: 'not_done' });
    await d.t.home();
    d.p.write('n');
    await d.p.waitFor('Ticket: New task', WAIT);
    const out = await d.t.finish({ description: 'crash at sent, again', 'reward (USDC; auctions: the max price)': '1' });
    expect(out, out.text).toMatchObject({ ok: true });
    d.p.kill();
  }, 90_000);
});
