// Execution Market going wrong, in a real pty (`--api --em-api`, the operator's keystore wallet), with the
// simulator's server wrapped by the test (/sim/faults never reaches /em): a wrong-shaped EM answer is a
// fault the desk names, never an empty Feed; a dead EM (every /em route 503, /ws refused) is said and the
// Taskmarket side keeps working, a claim from its ticket verified; an EM escrow on another network shows
// the EM MISMATCH banner and blocks EM tickets but not Taskmarket ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emFeedRow, emHeader, liveDesk, removeEmHomes, selectFeedRow, type EmDesk } from '../e2e-helpers/em-desk.js';
import { emParty, type EmParty } from '../e2e-helpers/em-party.js';
import { startEmSim, type EmSim } from '../e2e-helpers/em-sim.js';
import { EmTicket } from '../e2e-helpers/em-ticket.js';
import { killAllPtys, type PtySession } from '../e2e-helpers/pty.js';

const BROWSE = '/em/api/v1/tasks/available';
const BASE_USDC = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913';
const CLAIM = { description: 'claim me from the desk', reward: '1000000', mode: 'claim', duration: 24 };

let sim: EmSim;
let other: EmParty;

beforeAll(async () => {
  sim = await startEmSim();
  other = await emParty(sim.url, { name: 'kk-other-buyer' });
}, 60_000);
afterAll(async () => {
  killAllPtys();
  removeEmHomes();
  await sim?.close();
});

/** The notices the help overlay lists (every warning the desk has flashed), for lines about `about`. */
async function notices(p: PtySession, about: RegExp): Promise<string[]> {
  p.write('?');
  const s = await p.waitFor(/Help\s+\d+-\d+ of \d+/, 10_000);
  p.write('\x1b');
  await p.waitForGone(/Help\s+\d+-\d+ of \d+/, 10_000);
  return s.split('\n').filter((l) => about.test(l)).map((l) => l.replace(/^[║│\s]+|[║│\s]+$/g, ''));
}

/** Claim a seeded Taskmarket claim task from the Feed (x → the Claim ticket → y): the report says verified. */
async function claimFromFeed(p: PtySession, taskId: string): Promise<void> {
  p.write(':market tm\r');
  await p.waitFor('market:tm', 10_000);
  await selectFeedRow(p, taskId, 30_000, 'TM');
  p.write('x');
  const t = new EmTicket(p);
  await t.opened('Claim', 'claim');
  const out = await t.confirm();
  expect(out.ok, out.text).toBe(true);
  expect(out.title).toBe('verified');
  await t.close();
  p.write(':market all\r');
}

describe('a desk on a sick Execution Market', () => {
  let d: EmDesk;
  let claimId: string;

  beforeAll(async () => {
    claimId = (await sim.seed([CLAIM]))[0]!;
    d = await liveDesk(sim.url);
  }, 60_000);

  it('a wrong-shaped EM answer is a fault it names: the rows it had stay, nothing new is made up, the next good answer recovers', async () => {
    const { p } = d;
    const first = await other.publish({ title: `[KK Request] Before the fault ${Date.now()}` });
    await p.waitFor(() => emFeedRow(p, first.id) !== null, 15_000);
    sim.override({ method: 'GET', path: BROWSE, status: 200, body: { unexpected: 'shape', injected: true } });
    const second = await other.publish({ title: `[KK Request] During the fault ${Date.now()}` });
    // The push asks for the browse at once; its answer does not parse.
    await p.waitFor(/Execution Market em-feed: .*(shape|schema|unexpected)/i, 15_000);
    const said = await notices(p, /Execution Market em-feed/);
    expect(said.length, said.join('\n')).toBeGreaterThanOrEqual(1);
    expect(said[0]).toMatch(/tasks\/available/);
    expect(emFeedRow(p, first.id)).not.toBeNull();
    expect(emFeedRow(p, second.id)).toBeNull();
    expect(p.screen()).toMatch(/\bOK\b/);
    sim.clearOverrides();
    p.write('R');
    await p.waitFor(() => emFeedRow(p, second.id) !== null, 20_000);
  }, 60_000);

  it('a dead EM (every /em route 503, /ws refused) is said, and Taskmarket keeps working: a claim from its ticket is verified', async () => {
    const { p } = d;
    sim.override({ path: '/em/', status: 503, body: { detail: 'Service Unavailable' } });
    sim.refuseUpgrades(true);
    sim.dropSockets();
    await p.waitFor(() => emHeader(p) === 'base-sepolia poll', 15_000);
    p.write('R');
    await p.waitFor(/Execution Market em-\S+: .*503/, 20_000);
    const said = await notices(p, /Execution Market em-/);
    expect(said.some((l) => /503/.test(l)), said.join('\n')).toBe(true);
    // The Taskmarket header is still OK, and its tickets still act.
    expect(p.screen()).toMatch(/\bOK\b taskmarket/);
    const before = (await sim.ledger()).escrows;
    await claimFromFeed(p, claimId);
    expect((await fetch(`${sim.url}/api/tasks/${claimId}`).then((r) => r.json()) as { status: string; claimedBy?: string }).claimedBy?.toLowerCase()).toBe(d.wallet);
    expect(before).toBeDefined();
    // With no EM answer for a minute the header says EM DOWN (the Taskmarket part stays OK).
    await p.waitFor(() => emHeader(p) === 'DOWN', 75_000);
    expect(p.screen()).toMatch(/\bOK\b taskmarket/);
    sim.clearOverrides();
    sim.refuseUpgrades(false);
  }, 150_000);
});

describe('Execution Market on another network', () => {
  let d: EmDesk;
  let claimId: string;

  beforeAll(async () => {
    const real = (await (await fetch(`${sim.url}/em/api/v1/escrow/config`)).json()) as Record<string, unknown>;
    // Well-formed, but Base mainnet: the desk means Base Sepolia (chain 84532) for both markets.
    sim.override({ method: 'GET', path: '/em/api/v1/escrow/config', status: 200, body: { ...real, network: 'base', chain_id: 8453, usdc_address: BASE_USDC } });
    claimId = (await sim.seed([CLAIM]))[0]!;
    d = await liveDesk(sim.url, { waitFor: /\bOK\b[\s\S]*\| EM MISMATCH/ });
  }, 60_000);
  afterAll(() => sim.clearOverrides());

  it('shows the EM MISMATCH banner', async () => {
    const s = await d.p.waitFor(/EM MISMATCH: Execution Market escrow is on chain 8453 \(base\), expected 84532 \(base-sepolia\) - every Execution Market action is blocked/, 15_000);
    expect(s).toMatch(/\bOK\b taskmarket Base Sepolia \(84532\)/);
  }, 30_000);

  it('blocks an EM ticket: :publish cannot be confirmed and nothing reaches EM', async () => {
    const { p } = d;
    const posts = () => sim.seen.filter((x) => x.method === 'POST' && x.path === '/em/api/v1/tasks').length;
    const before = posts();
    p.write(':publish\r');
    const t = new EmTicket(p);
    await t.opened('Publish a task');
    await t.fill('title', '[KK Request] Must not be published');
    await t.fill('instructions', 'This task must never reach Execution Market on the wrong chain.');
    await t.fill('bounty (USDC)', '0.05');
    const ask = await t.check();
    expect(t.failedChecks().join('\n')).toMatch(/chain|network/i);
    // Typing the phrase anyway is refused.
    if (ask.kind === 'typed') {
      p.write(ask.phrase);
      await p.waitFor(() => t.prompt().includes(`> ${ask.phrase}_`) || /cannot confirm/.test(t.prompt()), 10_000);
      p.write('\r');
    } else p.write('y');
    await p.waitFor(() => /not sent|cannot confirm/.test(t.prompt()), 10_000);
    expect(t.text()).not.toMatch(/^Done: /m);
    p.write('\x1b');
    await p.waitForGone('Ticket:', 10_000);
    expect(posts()).toBe(before);
  }, 60_000);

  it('does not block Taskmarket: a claim from its ticket is verified', async () => {
    await claimFromFeed(d.p, claimId);
    expect(d.p.screen()).toContain('EM MISMATCH');
  }, 60_000);
});
