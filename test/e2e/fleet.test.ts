// The Fleet view in a real pty: `taskdesk` with no fleet file runs on its built-in simulator, whose
// KarmaCadabra bots (one consumer, four sellers) work the guide's supply chain over real HTTP. F opens the
// view; the test waits until a whole cycle (all four steps approved, 0.180000 spent) is on screen and checks
// every agent's balance shown against the simulator's ledger (GET /sim/ledger), read from the URL the view names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simBotWallets } from '../../src/app/fleet-sim.js';
import { CONSUMER, SUPPLY_CHAIN } from '../../src/sim/execution-market/bots/products.js';
import { killAllPtys, spawnPty, type PtySession } from '../e2e-helpers/pty.js';

const START = 30_000;
// A cycle is ~45 s at the bots' default 4 s heartbeat, plus up to one 15 s fleet poll behind it.
const CYCLE = 110_000;
const wallets = simBotWallets();
const NAMES = [CONSUMER, ...SUPPLY_CHAIN.map((p) => p.seller)];
const short = (w: string) => `${w.slice(0, 6)}…${w.slice(-4)}`;

/** The balance column of an agent's row (six decimals), or null while it shows none. */
function shownBalance(screen: string, name: string): string | null {
  const cols = columns(screen, name);
  return cols && cols[2] === short(wallets[name]!) && /^\d+\.\d{6}$/.test(cols[3] ?? '') ? cols[3]! : null;
}

/** An agent's row split on whitespace: name, market, wallet, balance, open, applied, assigned, review, … */
function columns(screen: string, name: string): string[] | null {
  // Rows sit inside the view's border (║ … ║).
  const rows = screen.split('\n').map((l) => l.replace(/^[\s║|]+|[\s║|]+$/g, ''));
  const row = rows.find((l) => l.startsWith(`${name} `));
  return row ? row.split(/\s+/) : null;
}

const usdc = (units: bigint) => `${units / 1_000_000n}.${(units % 1_000_000n).toString().padStart(6, '0')}`;

async function ledger(url: string): Promise<Record<string, string>> {
  const r = await fetch(`${url}/sim/ledger`);
  expect(r.status).toBe(200);
  return ((await r.json()) as { balances: Record<string, string> }).balances;
}

describe('the Fleet view on the built-in simulator (140×50 pty)', () => {
  let p: PtySession;
  let simUrl: string;
  const startBalances: Record<string, string | null> = {};

  beforeAll(async () => {
    p = spawnPty({ cols: 140, rows: 50 });
    await p.waitFor(/\bOK\b/, START);
  }, START + 5_000);
  afterAll(() => killAllPtys());

  it('F opens the simulator’s own fleet: five agents side by side, the supply chain and where the figures come from', async () => {
    await p.press('F');
    const s = await p.waitFor("Fleet: the simulator's KarmaCadabra agents", 10_000);
    for (const n of NAMES) expect(s).toContain(short(wallets[n]!));
    expect(s).toMatch(/AGENT\s+MARKET\s+WALLET\s+BALANCE USDC\s+OPEN\s+APPLIED\s+ASSIGNED\s+REVIEW\s+LAST ACTIVITY/);
    expect(s).toContain('Pipeline kk-supply-chain   consumer kk-juanjumagalp   execution-market   0.180000 USDC a cycle');
    for (const [i, step] of SUPPLY_CHAIN.entries()) expect(s).toMatch(new RegExp(`${i + 1}\\s+${step.key}\\s+${step.seller}\\s+${usdc(step.bounty).replace('.', '\\.')}`));
    const m = /balances from\s+(http:\/\/127\.0\.0\.1:\d+) /.exec(s);
    expect(m, s).not.toBeNull();
    simUrl = m![1]!;
    expect(s).toContain(`Execution Market      ${simUrl}/em (public reads, unsigned)`);
    // The first balance read, before any seller has been paid.
    const first = await p.waitFor((screen) => NAMES.every((n) => shownBalance(screen, n) !== null), 20_000);
    for (const n of NAMES) startBalances[n] = shownBalance(first, n);
  }, 40_000);

  it('a whole supply-chain cycle completes on screen: four steps approved, 0.180000 of 0.180000 spent', async () => {
    // The first cycle shows while it runs, its current step marked.
    await p.waitFor(/#1 .*›(due|published|assigned|submitted)/, 30_000);
    const done = await p.waitFor(/#1\s+approved\s+approved\s+approved\s+approved\s+0\.180000 \/ 0\.180000\s+complete/, CYCLE);
    expect(done).toMatch(/\d+ cycles seen, [1-9]\d* complete/);
    // Each seller was assigned a fleet task, so its executor id is known and its applications are counted.
    await p.waitFor((screen) => SUPPLY_CHAIN.every((step) => /^\d+$/.test(columns(screen, step.seller)?.[5] ?? '')), 20_000);
  }, CYCLE + 35_000);

  it('every balance shown is the ledger’s: the consumer paid the bounties, each seller got 87 % of its steps', async () => {
    // Money moves every few seconds and the view polls every 15 s: each agent must match the ledger at some read.
    const matched = new Set<string>();
    const deadline = Date.now() + 45_000;
    let last = '';
    while (matched.size < NAMES.length) {
      const bal = await ledger(simUrl);
      const screen = p.screen();
      for (const n of NAMES) if (shownBalance(screen, n) === usdc(BigInt(bal[wallets[n]!] ?? '0'))) matched.add(n);
      last = `matched ${[...matched].join(',')}\nledger ${JSON.stringify(Object.fromEntries(NAMES.map((n) => [n, bal[wallets[n]!] ?? '0'])))}\n${screen}`;
      if (Date.now() > deadline) throw new Error(`balances on screen never matched the ledger\n${last}`);
      if (matched.size < NAMES.length) await new Promise((r) => setTimeout(r, 500));
    }
    const bal = await ledger(simUrl);
    for (const step of SUPPLY_CHAIN) {
      // A seller starts at zero and is paid 87 % of its step's bounty per approved delivery (13 % fee).
      const units = BigInt(bal[wallets[step.seller]!] ?? '0');
      const payout = (step.bounty * 8_700n) / 10_000n;
      expect(units % payout, step.seller).toBe(0n);
      expect(units >= payout, step.seller).toBe(true);
      expect(startBalances[step.seller], step.seller).toBe('0.000000');
    }
    // The faucet funded the consumer with 5 USDC; at least one cycle's bounties have left it.
    expect(BigInt(bal[wallets[CONSUMER]!] ?? '0') <= 5_000_000n - 180_000n).toBe(true);
  }, 50_000);
});
