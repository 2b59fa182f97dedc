// A desk that can act, in a real pty, against a separately started simulator: a HOME holding a
// CLI-compatible keystore made the way `taskmarket init` makes one (src/sim/taskmarket/accounts/demo-wallet.ts,
// device registered at the sim), funded from the faucet, the desk started with `--api <sim>` and that
// HOME, and its journal read from <HOME>/.local/state/taskdesk/journal.jsonl. The HOME outlives a desk,
// so a killed desk restarts on the same journal and keystore.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import { readJournal } from '../../src/exec/journal-read.js';
import { readLockHolder } from '../../src/exec/journal-lock.js';
import { journalLockPath } from '../../src/exec/journal-paths.js';
import type { JournalRecord } from '../../src/exec/journal-schema.js';
import { groupActions, type JournalAction } from '../../src/exec/journal-actions.js';
import type { Address } from '../../src/core/types.js';
import { spawnPty, type PtySession } from './pty.js';
import { startActSim, type ActSim } from './act-sim.js';

export interface DeskHome {
  dir: string;
  address: Address;
  privateKey: `0x${string}`;
  keystorePath: string;
  journalPath: string;
  /** HOME and the XDG dirs under it, for the desk's environment. */
  env: Record<string, string>;
}

const homes: string[] = [];

/** Remove every HOME made here (afterAll). */
export function removeHomes(): void {
  for (const d of homes.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface DeskHomeOptions {
  /** Base units minted to the wallet (default 100 USDC). */
  fund?: bigint;
  /** The desk's config.json (act: network, spendCap, guardLeadSeconds, executor). */
  config?: Record<string, unknown>;
}

/** A HOME with a registered, funded wallet in ~/.taskmarket/keystore.json. */
export async function deskHome(sim: ActSim, o: DeskHomeOptions = {}): Promise<DeskHome> {
  const dir = mkdtempSync(join(tmpdir(), 'taskdesk-act-home-'));
  homes.push(dir);
  const w = await createWallet(sim.url, dir, { fund: o.fund ?? 100_000_000n, email: false });
  const env = {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_STATE_HOME: join(dir, '.local', 'state'),
    XDG_DATA_HOME: join(dir, '.local', 'share'),
    XDG_CACHE_HOME: join(dir, '.cache'),
  };
  if (o.config) {
    mkdirSync(join(env.XDG_CONFIG_HOME, 'taskdesk'), { recursive: true });
    writeFileSync(join(env.XDG_CONFIG_HOME, 'taskdesk', 'config.json'), JSON.stringify(o.config));
  }
  return { dir, address: w.address, privateKey: w.privateKey, keystorePath: w.keystorePath, journalPath: join(env.XDG_STATE_HOME, 'taskdesk', 'journal.jsonl'), env };
}

export interface StartDeskOptions {
  args?: string[];
  env?: Record<string, string>;
  cols?: number;
  rows?: number;
}

/**
 * `taskdesk --api <sim>` in a pty with the wallet's HOME (the keystore is read from ~/.taskmarket).
 * --no-xmtp: on a LIVE backend the desk would otherwise start `taskmarket xmtp listen` (the repo's CLI), a
 * node process per desk that has nothing to do with acting and only loads the 2 cores.
 */
export function startDesk(sim: ActSim, home: DeskHome, o: StartDeskOptions = {}): PtySession {
  return spawnPty({ args: ['--api', sim.url, '--no-xmtp', ...(o.args ?? [])], cols: o.cols ?? 140, rows: o.rows ?? 60, env: { ...home.env, ...o.env } });
}

/** The header's short wallet: 0x1e7b…13f8. */
export const shortWallet = (a: string) => `${a.slice(0, 6).toLowerCase()}…${a.slice(-4).toLowerCase()}`;

/**
 * Until the header says OK with this wallet and a balance, the Feed has drawn, and the desk can act. The
 * header says OK as soon as the pollers run, but the acting side (journal, executor, runner) is wired a
 * moment later (src/app/wallet-scope.ts opens it after the pollers and the Execution Market side); a
 * ticket confirmed in between is refused with "the market is not open yet". So this also waits for the
 * journal's lock and then asks the desk itself: `:journal` shows the journal once acting is wired.
 */
export async function waitReady(p: PtySession, home: DeskHome, timeoutMs = 30_000): Promise<void> {
  const wallet = shortWallet(home.address);
  await p.waitFor((s) => /\bOK\b/.test(s) && s.toLowerCase().includes(wallet) && /\d+\.\d{6} USDC/.test(s) && s.includes('Feed'), timeoutMs);
  // This desk's own lock (a SIGKILLed desk leaves its lock behind for the next one to take over).
  await p.waitFor(() => readLockHolder(journalLockPath(home.journalPath))?.pid === p.pid, timeoutMs);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    p.write(':journal\r');
    const view = await p.waitFor((s) => s.includes('Actions (newest first)'), 5_000);
    p.write('\x1b');
    await p.waitForGone('Actions (newest first)', 5_000);
    if (!/the market is not open yet|this desk is not acting/.test(view)) return;
    if (Date.now() > deadline) throw new Error(`the desk never became able to act\n${view}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface ActingDesk {
  sim: ActSim;
  home: DeskHome;
  desk: PtySession;
}

/** A sim, a funded wallet and a desk on it, ready (header OK). */
export async function actingDesk(o: { manualClock?: boolean; fund?: bigint; config?: Record<string, unknown>; desk?: StartDeskOptions } = {}): Promise<ActingDesk> {
  const sim = await startActSim({ ...(o.manualClock ? { manualClock: true } : {}) });
  const home = await deskHome(sim, { ...(o.fund !== undefined ? { fund: o.fund } : {}), ...(o.config ? { config: o.config } : {}) });
  const desk = startDesk(sim, home, o.desk);
  await waitReady(desk, home);
  return { sim, home, desk };
}

/** The journal's typed records and their actions. */
export function journalOf(home: DeskHome): { records: JournalRecord[]; actions: JournalAction[]; corrupt: number } {
  const j = readJournal(home.journalPath);
  return { records: j.records, actions: groupActions(j.records, j.others), corrupt: j.corrupt.length };
}
