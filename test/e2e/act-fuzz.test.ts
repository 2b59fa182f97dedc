// The keyboard fuzz test: thousands of seeded random key sequences through the real desk in a real pty,
// against a separately started simulator with tasks of every mode and auction type open to the operator —
// as a worker (seeded by other requesters) and as the requester (the desk's own tasks, with submissions,
// pitches and bids from another wallet). The keys are weighted toward the ticket keys (x b n y Enter Esc
// digits . Tab and letters); now and then the fuzzer reads the screen and types what a ticket asks for
// (the network name, the exact phrase), so paid actions are really confirmed some of the time; for a while
// in each session every task read fails (the gate must refuse). After each session /sim/requests is held
// against the desk's journal (test/e2e-helpers/fuzz.ts audit): no paid or selection-changing write that was
// not typed-confirmed with its phrase, no write whose checks failed at approval, no write without a journal
// intent. Three sessions (seeds) run side by side, each with its own simulator and wallet; one of them
// leaves the network unconfirmed so the fuzzer must type it. The counts are printed after the file.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createTaskmarketWriter, privateKeySigner, SIM_NETWORK, type TaskmarketWriter } from '../../src/markets/taskmarket/index.js';
import { killAllPtys, type PtySession } from '../e2e-helpers/pty.js';
import { deskHome, journalOf, removeHomes, startDesk, waitReady, type DeskHome } from '../e2e-helpers/acting-desk.js';
import { startActSim, type ActSim, type FaultSpec, type SimRequest } from '../e2e-helpers/act-sim.js';
import type { JournalAction } from '../../src/exec/journal-actions.js';
import { party, SEED, type Party } from '../e2e-helpers/counterparty.js';
import { audit, prng, sequence, type Audit } from '../e2e-helpers/fuzz.js';
import { ticketBody } from '../e2e-helpers/ticket.js';

// A pty flow of several actions on a loaded 2-core machine: give each test room (waits are on screen content).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const SEQUENCES = Number(process.env.TASKDESK_FUZZ_SEQUENCES ?? 700);
const SESSIONS: { seed: number; network: boolean; fault: Omit<FaultSpec, 'path'> }[] = [
  { seed: 0x7a51, network: true, fault: { kind: 'status', status: 500 } },
  { seed: 0x0b0e, network: false, fault: { kind: 'wrong-shape' } },
  { seed: 0x5eed, network: true, fault: { kind: 'status', status: 429, retryAfterSeconds: 1 } },
];

const results: (Audit & { seed: number; sequences: number; keys: number; networkTyped: number; phrasesTyped: number; typedWhileBlocked: number })[] = [];
const sims: ActSim[] = [];
/** Every session's journal and request window, for the audit's own self-check. */
const seen: { log: SimRequest[]; actions: JournalAction[] }[] = [];

afterAll(async () => {
  killAllPtys();
  await Promise.all(sims.map((s) => s.stop()));
  removeHomes();
  if (results.length) console.log(`\nact-fuzz:\n${results.map((r) => `  seed ${r.seed.toString(16)}: ${r.sequences} sequences, ${r.keys} keys, network typed ${r.networkTyped}, phrases typed ${r.phrasesTyped} (${r.typedWhileBlocked} while a check failed), writes ${r.writes} (effective actions ${r.effective}, typed ${r.typedEffective}: ${JSON.stringify(r.byAction)}), other writes ${JSON.stringify(r.other)}, violations ${r.violations.length}`).join('\n')}`);
});

interface Session {
  sim: ActSim;
  home: DeskHome;
  other: Party;
  own: TaskmarketWriter;
}

/** Its own simulator and wallet: a modest balance and a low session cap, so some confirmations must fail them. */
async function session(): Promise<Session> {
  const sim = await startActSim({ manualClock: true });
  sims.push(sim);
  const home = await deskHome(sim, { fund: 25_000_000n, config: { act: { spendCap: { session: '6', day: '250' } } } });
  const other = await party(sim, 100_000_000n);
  const own = createTaskmarketWriter({ apiUrl: sim.url, signer: privateKeySigner(home.privateKey), network: SIM_NETWORK });
  return { sim, home, other, own };
}

/** Tasks of every mode: others' tasks to work on, and the desk's own with a counterparty's moves on them. */
async function market({ sim, other, own }: Session): Promise<void> {
  await sim.seed([SEED.bounty(), SEED.claim(), SEED.claim(), SEED.pitch(), SEED.benchmark(), SEED.dutch(), SEED.reverseDutch(), SEED.english('3000000', 2), SEED.reverseEnglish('3000000', 2)]);
  const mk = async (body: Parameters<TaskmarketWriter['createTask']>[0]) => (await own.createTask(body)).taskId;
  const base = { reward: 500_000n, durationHours: 24, tags: [] as string[] };
  const [bounty, claim, pitch, bench, english] = await Promise.all([
    mk({ ...base, description: 'my fuzz bounty', mode: 'bounty' }),
    mk({ ...base, description: 'my fuzz claim', mode: 'claim' }),
    mk({ ...base, description: 'my fuzz pitch', mode: 'pitch', pitchDeadlineHours: 12 }),
    mk({ ...base, description: 'my fuzz benchmark', mode: 'benchmark' }),
    mk({ ...base, description: 'my fuzz english', mode: 'auction', auctionType: 'english', bidDeadlineHours: 2 }),
    mk({ ...base, description: 'my idle bounty', mode: 'bounty' }),
  ]);
  await other.submit(bounty!);
  await other.writer.claim({ taskId: claim! });
  await other.submit(claim!);
  await other.writer.pitch({ taskId: pitch!, text: 'pick me' });
  await other.writer.submitProof({ taskId: bench!, proofData: 'https://example.test/p', proofType: 'url' });
  await other.writer.bid({ taskId: english!, price: 400_000n });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lastLine = (p: PtySession) => [...(ticketBody(p) ?? [])].reverse().find((l) => l.trim() !== '') ?? '';

/** Stop typing, close what is open, and wait until nothing is being submitted. */
async function quiesce(p: PtySession): Promise<void> {
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    if (!p.screen().includes('Submitting')) {
      p.write('\x1b');
      await sleep(200);
      if (!p.screen().includes('Submitting') && !p.screen().includes('Ticket:')) break;
    } else await sleep(200);
  }
  await sleep(500);
}

// The sessions run side by side, each against its own simulator (2 cores: the keys queue, nothing is timed).
describe.concurrent('keyboard fuzz against the simulator', () => {
  for (const s of SESSIONS) {
    it(`seed ${s.seed.toString(16)}${s.network ? ' (--network base-sepolia)' : ' (network typed when asked)'}: no unconfirmed or unchecked write`, async ({ expect }) => {
      const ctx = await session();
      const { sim, home } = ctx;
      await market(ctx);
      const from = (await sim.requests()).length;
      const p = startDesk(sim, home, { args: s.network ? ['--network', 'base-sepolia'] : [] });
      await waitReady(p, home);
      p.write('R');
      const rand = prng(s.seed);
      let keys = 0;
      let networkTyped = 0;
      let phrasesTyped = 0;
      let typedWhileBlocked = 0;
      const faultFrom = Math.floor(SEQUENCES * 0.4);
      const faultTo = Math.floor(SEQUENCES * 0.6);
      for (let i = 0; i < SEQUENCES; i++) {
        if (p.exit) throw new Error(`the desk exited during the fuzz (sequence ${i}): ${JSON.stringify(p.exit)}\n${p.screen()}`);
        if (i === faultFrom) await sim.fault({ ...s.fault, method: 'GET', path: '/api/tasks', count: null });
        if (i === faultTo) await sim.clearFaults();
        const body = ticketBody(p);
        const text = body?.join('\n') ?? '';
        const typed = /^Type (\S+) to confirm · Esc cancels/.exec(lastLine(p));
        if (text.includes('Confirm the network for this session') && rand() < 0.35) {
          p.write('base-sepolia\r');
          networkTyped++;
        } else if (typed && rand() < 0.3) {
          p.write(`${typed[1]}\r`);
          phrasesTyped++;
          if (/^cannot confirm/m.test(text)) typedWhileBlocked++;
        } else {
          const seq = sequence(rand);
          keys += seq.length;
          p.write(seq.join(''));
        }
        await sleep(i % 50 === 49 ? 300 : 12);
      }
      await sim.clearFaults();
      await quiesce(p);
      expect(p.exit, 'the desk is still running').toBeNull();
      const log = (await sim.requests()).slice(from);
      const j = journalOf(home);
      const a = audit(log, j.actions);
      results.push({ ...a, seed: s.seed, sequences: SEQUENCES, keys, networkTyped, phrasesTyped, typedWhileBlocked });
      seen.push({ log, actions: j.actions });
      p.kill();
      expect(j.corrupt, 'torn journal lines').toBe(0);
      expect(a.violations, JSON.stringify(a.violations, null, 1)).toEqual([]);
    }, 150_000);
  }

});

describe('keyboard fuzz: coverage', () => {
  it('the fuzz reached the market: typed phrases and writes that took effect', () => {
    expect(results.length).toBe(SESSIONS.length);
    expect(results.reduce((n, r) => n + r.sequences, 0)).toBeGreaterThanOrEqual(2_000);
    expect(results.reduce((n, r) => n + r.phrasesTyped, 0)).toBeGreaterThan(0);
    expect(results.reduce((n, r) => n + r.effective, 0)).toBeGreaterThan(0);
  });

  it('the audit itself catches each kind of violation (a journal tampered with, a write from nowhere)', () => {
    const { log, actions } = seen.find((x) => x.actions.some((a) => a.approved?.confirmation === 'typed' && a.responses.some((r) => r.ok)))!;
    const typed = actions.find((a) => a.approved?.confirmation === 'typed' && a.responses.some((r) => r.ok))!;
    const swap = (patch: Partial<NonNullable<JournalAction['approved']>>) => actions.map((a) => (a === typed ? { ...a, approved: { ...a.approved!, ...patch } } : a));
    const kinds = (as: JournalAction[], l: SimRequest[] = log) => new Set(audit(l, as).violations.map((v) => v.kind));
    expect(kinds(actions)).toEqual(new Set());
    expect(kinds(swap({ confirmation: 'press', phrase: 'y' }))).toContain('not typed-confirmed');
    expect(kinds(swap({ phrase: '9.999999' }))).toContain('phrase mismatch');
    expect(kinds(swap({ checks: [{ id: 'fresh', status: 'fail' }] }))).toContain('check failed at approval');
    expect(kinds(actions.filter((a) => a !== typed))).toContain('unjournaled write');
    const stray: SimRequest = { at: 0, marketAt: 0, method: 'POST', route: '/api/tasks/:taskId/bids', path: '/api/tasks/0xabc/bids', actor: null, idempotencyKey: 'not-in-the-journal', status: 200 };
    expect(kinds(actions, [...log, stray])).toContain('unjournaled write');
  });
});
