// Execution Market live updates in a real pty (issue 8: "a WebSocket event reaching the Feed within a
// second"). The desk runs against a configured backend (`--api --em-api`, its own keystore wallet) whose
// server the test wraps (test/e2e-helpers/em-sim.ts) to see every request arrive and to cut /em/ws.
// Another wallet publishes over signed HTTP; the row must appear while the header says `push`, brought by
// the browse the push triggers — not by the feed poll, which runs once a minute while /ws is open. Then the
// socket dies: the header says `poll` and new tasks still arrive at the polling cadence; then it comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emFeedRow, emHeader, liveDesk, removeEmHomes, type EmDesk } from '../e2e-helpers/em-desk.js';
import { emParty, type EmParty } from '../e2e-helpers/em-party.js';
import { startEmSim, type EmSim } from '../e2e-helpers/em-sim.js';
import { killAllPtys } from '../e2e-helpers/pty.js';

const BROWSE = '/em/api/v1/tasks/available';
const PUBLISH = '/em/api/v1/tasks';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sim: EmSim;
let d: EmDesk;
let other: EmParty;

beforeAll(async () => {
  sim = await startEmSim();
  other = await emParty(sim.url, { name: 'kk-other-buyer' });
  d = await liveDesk(sim.url);
  d.p.write(':market em\r');
  await d.p.waitFor('market:em', 10_000);
}, 60_000);
afterAll(async () => {
  killAllPtys();
  removeEmHomes();
  await sim?.close();
});

describe('a task published on Execution Market by another wallet', () => {
  it('is a Feed row (MK EM) within a second of the publish answer, while the header says push', async () => {
    const { p } = d;
    // Let the start-up polls (network, first feed sweeps) pass so only the push can bring new rows.
    await sleep(3_000);
    const delays: number[] = [];
    const windowStart = Date.now();
    for (let i = 0; i < 3; i++) {
      expect(emHeader(p)).toBe('base-sepolia push');
      const { id, publishedAt } = await other.publish({ title: `[KK Request] Push ${i} ${Date.now()}` });
      await p.waitFor(() => emFeedRow(p, id) !== null, 10_000);
      const shownAt = Date.now();
      delays.push(shownAt - publishedAt);
      const row = emFeedRow(p, id)!;
      expect(row).toMatch(/\bEM\b/);
      expect(row).toContain('0.050000');
      // The publish arrived, then a browse that brought the row, before the row was drawn.
      const posted = sim.seen.filter((s) => s.method === 'POST' && s.path === PUBLISH).at(-1)!;
      const browses = sim.seen.filter((s) => s.path === BROWSE && s.at >= posted.at && s.at <= shownAt);
      expect(browses.length, 'a browse between the publish and the row').toBeGreaterThanOrEqual(1);
      await sleep(1_500 + i * 700);
    }
    console.log(`EM push → Feed row, ms after the publish answer: ${delays.join(', ')}`);
    for (const ms of delays) expect(ms).toBeLessThanOrEqual(1_000);
    // No fast polling made that easy: over the window, one browse per push plus at most one scheduled sweep.
    const sweeps = sim.seen.filter((s) => s.path === BROWSE && s.at >= windowStart);
    expect(sweeps.length, sweeps.map((s) => s.at - windowStart).join(',')).toBeLessThanOrEqual(delays.length + 1);
    expect(emHeader(p)).toBe('base-sepolia push');
  }, 60_000);

  it('when /ws dies the header falls back to poll and new tasks still arrive; push returns with the socket', async () => {
    const { p } = d;
    sim.refuseUpgrades(true);
    expect(sim.dropSockets()).toBeGreaterThanOrEqual(1);
    await p.waitFor(() => emHeader(p) === 'base-sepolia poll', 15_000);
    const { id } = await other.publish({ title: `[KK Request] While polling ${Date.now()}` });
    // Polling runs every 15 s without the socket; the 60 s sweep of push mode would miss this bound.
    await p.waitFor(() => emFeedRow(p, id) !== null, 40_000);
    expect(sim.openSockets()).toBe(0);
    expect(emHeader(p)).toBe('base-sepolia poll');
    // The desk kept trying the socket while it polled.
    const refused = sim.seen.filter((s) => s.upgrade && s.path === '/em/ws');
    expect(refused.length).toBeGreaterThanOrEqual(2);

    sim.refuseUpgrades(false);
    await p.waitFor(() => emHeader(p) === 'base-sepolia push', 60_000);
    const back = await other.publish({ title: `[KK Request] Push again ${Date.now()}` });
    await p.waitFor(() => emFeedRow(p, back.id) !== null, 10_000);
  }, 150_000);
});
