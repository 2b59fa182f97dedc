// Acting as one agent of the fleet, in a real pty: a fleet file names two agents with v3 keystores made
// here (one password typed, one from a file). `:act-as` asks for the typed one masked, refuses a wrong one,
// then the header and every ticket name the agent, its claim is signed by its own wallet (the simulator's
// request log and the journal say so), and `:act-as me` goes back to the desk's wallet.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllPtys, makeTempHome, spawnPty, type PtySession } from '../e2e-helpers/pty.js';
import { encryptV3 } from '../wallets/encrypt-v3.js';

const START = 30_000;
const PASSWORD = 'correct horse battery';
const sellerKey = generatePrivateKey();
const buyerKey = generatePrivateKey();
const seller = privateKeyToAccount(sellerKey);
const buyer = privateKeyToAccount(buyerKey);
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`.toLowerCase();

function writeFleet(dir: string): string {
  const config = join(dir, 'config');
  mkdirSync(join(config, 'taskdesk'), { recursive: true });
  const ks = join(dir, 'keystores');
  mkdirSync(ks, { recursive: true });
  writeFileSync(join(ks, 'seller.json'), JSON.stringify(encryptV3(sellerKey, PASSWORD)));
  writeFileSync(join(ks, 'buyer.json'), JSON.stringify(encryptV3(buyerKey, 'from-a-file')));
  writeFileSync(join(ks, 'buyer.pass'), 'from-a-file\n', { mode: 0o600 });
  const fleet = {
    agents: [
      { name: 'kk-seller', market: 'both', wallet: seller.address, keystore: join(ks, 'seller.json') },
      { name: 'kk-buyer', market: 'both', wallet: buyer.address, keystore: join(ks, 'buyer.json'), passwordFile: join(ks, 'buyer.pass') },
    ],
    pipelines: [],
  };
  writeFileSync(join(config, 'taskdesk', 'fleet.json'), JSON.stringify(fleet, null, 2));
  return config;
}

interface LoggedRequest {
  method: string;
  path: string;
  actor: string | null;
  status: number;
}

async function requests(url: string): Promise<LoggedRequest[]> {
  const r = await fetch(`${url}/sim/requests`);
  const body = (await r.json()) as LoggedRequest[] | { requests: LoggedRequest[] };
  return Array.isArray(body) ? body : body.requests;
}

function journalLines(home: string): Array<Record<string, unknown>> {
  const base = join(home, '.local', 'state', 'taskdesk', 'demo-wallet');
  const [pid] = readdirSync(base);
  return readFileSync(join(base, pid!, 'journal.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('acting as a fleet agent (pty, built-in simulator)', () => {
  let p: PtySession;
  let url: string;
  let everShown = '';

  beforeAll(async () => {
    const dir = makeTempHome('taskdesk-agents-');
    p = spawnPty({ cols: 200, rows: 50, env: { XDG_CONFIG_HOME: writeFleet(dir) } });
    p.onData((chunk) => (everShown += chunk));
    await p.waitFor(/\bOK\b/, START);
    await p.press('F');
    const s = await p.waitFor(/balances from\s+http:\/\/127\.0\.0\.1:\d+/, 15_000);
    url = /balances from\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(s)![1]!;
    expect(s).toContain(':act-as <agent> acts as one of kk-seller, kk-buyer');
    await p.press('escape');
    const funded = await fetch(`${url}/sim/faucet`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ address: seller.address, amount: '25000000' }) });
    expect(funded.status).toBe(200);
  }, START + 25_000);
  afterAll(() => killAllPtys());

  it('asks for the password masked, refuses a wrong one and stays on the desk wallet', async () => {
    const before = await p.waitFor(/ wallet 0x[0-9a-f]{4}…/, 5_000);
    await p.press(':', ...'act-as kk-seller', 'enter');
    await p.waitFor("password for kk-seller's keystore (not shown, Esc cancels):", 5_000);
    await p.press(...'wrong password');
    const typed = await p.waitFor('*'.repeat('wrong password'.length), 5_000);
    expect(typed).not.toContain('wrong password');
    await p.press('enter');
    await p.waitFor(/Wrong password for keystore .*seller\.json/, 20_000);
    expect(p.screen()).toContain(before.match(/ wallet 0x[0-9a-f]{4}…[0-9a-f]{4}/)![0]);
  }, 40_000);

  it('with the right password the header and each ticket name the agent, and its claim is signed by its wallet', async () => {
    await p.press(':', ...'act-as kk-seller', 'enter');
    await p.waitFor("password for kk-seller's keystore", 5_000);
    await p.press(...PASSWORD, 'enter');
    await p.waitFor(`as kk-seller ${short(seller.address)}`, 20_000);
    await p.waitFor(`as kk-seller ${short(seller.address)} 25.000000 USDC`, 20_000);

    await p.press(':', ...'mode claim', 'enter');
    await p.waitFor('mode:claim', 5_000);
    await p.press('x');
    await p.waitFor(/Ticket: (Claim|Act on the task)/, 10_000);
    if (p.screen().includes('Choose an action')) {
      await p.waitFor(/› worker\s+claim/, 10_000);
      await p.press('enter');
    }
    const ticket = await p.waitFor('Press y to confirm', 15_000);
    expect(ticket).toContain(`acting as             agent kk-seller  ${seller.address.toLowerCase()}`);
    await p.press('y');
    const done = await p.waitFor(/Done: verified|Not done/, 30_000);
    expect(done).toContain('Done: verified');
    expect(done).toContain(`(agent kk-seller)`);

    const claims = (await requests(url)).filter((r) => r.method === 'POST' && /\/claim$/.test(r.path) && r.status < 300);
    expect(claims.at(-1)?.actor?.toLowerCase()).toBe(seller.address.toLowerCase());
    const intents = journalLines(p.home).filter((r) => r.step === 'intent' && r.action === 'claim');
    expect(intents.at(-1)).toMatchObject({ agent: 'kk-seller', wallet: seller.address });
    await p.press('escape');
  }, 90_000);

  it('an agent with a password file needs no typing; :act-as me goes back; the password never reached the terminal', async () => {
    await p.press(':', ...'act-as kk-buyer', 'enter');
    await p.waitFor(`as kk-buyer ${short(buyer.address)}`, 20_000);
    await p.press(':', ...'act-as me', 'enter');
    await p.waitFor(/ wallet 0x[0-9a-f]{4}…[0-9a-f]{4} \d+\.\d{6} USDC/, 20_000);
    // The seller's password was cached for the session: switching back asks nothing.
    await p.press(':', ...'act-as kk-seller', 'enter');
    await p.waitFor(`as kk-seller ${short(seller.address)}`, 20_000);
    expect(p.screen()).not.toContain('password for');
    expect(everShown).not.toContain(PASSWORD);
    expect(everShown).not.toContain('wrong password');
    expect(everShown).not.toContain('from-a-file');
  }, 60_000);
});
