// Fixtures for the act machinery against the simulator over real HTTP: actors (a wallet, its reader, writer,
// journal and runner), Intents shaped like the tickets build them, and the checks every run must pass —
// the journal's steps, and exactly one effective write at /sim/requests carrying the journal's key.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { actionCost } from '../../src/core/action-cost.js';
import type { Intent, IntentRole, IntentValue } from '../../src/core/intent.js';
import type { ActionName, Address, Task } from '../../src/core/types.js';
import type { Executor } from '../../src/exec/executor.js';
import { openJournal, type Journal, type JournalRecord } from '../../src/exec/journal.js';
import { createNativeExecutor } from '../../src/exec/native-executor.js';
import { createActionRunner, type ActionRunner, type Approval, type RunExtra, type RunOutcome } from '../../src/exec/runner.js';
import {
  createTaskmarketReader,
  createTaskmarketWriter,
  privateKeySigner,
  SIM_NETWORK,
  type TaskmarketReader,
  type TaskmarketWriter,
} from '../../src/markets/taskmarket/index.js';
import type { TestSim } from '../helpers/sim.js';
import { newWallet, type Wallet } from '../helpers/x402.js';

export const NETWORK = { name: SIM_NETWORK.name, chainId: SIM_NETWORK.chainId };
export const APPROVAL: Approval = { confirmation: 'typed', phrase: 'confirm', checks: [{ id: 'network', status: 'pass' }, { id: 'fresh', status: 'pass' }] };

export interface Actor {
  wallet: Wallet;
  address: Address;
  reader: TaskmarketReader;
  writer: TaskmarketWriter;
  journal: Journal;
  journalPath: string;
  runner: ActionRunner;
  executor: Executor;
  dir: string;
  /** Run an intent through the runner with the ticket's task. */
  run(intent: Intent, extra?: Partial<RunExtra>): Promise<RunOutcome>;
  task(id: string): Promise<Task>;
  /** Close the journal and open it again, as a restarted desk would. */
  reopen(): Journal;
  close(): void;
}

const dirs: string[] = [];
export function tempDir(prefix = 'taskdesk-act-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}
export function cleanupDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface ActorOptions {
  fund?: bigint;
  wallet?: Wallet;
  /** Replace the native executor (the cli bridge). */
  executor?: (writer: TaskmarketWriter) => Executor;
  executorKind?: 'native' | 'cli';
}

export async function makeActor(sim: TestSim, o: ActorOptions = {}): Promise<Actor> {
  const wallet = o.wallet ?? newWallet();
  if ((o.fund ?? 0n) > 0n) await sim.faucet(wallet.address, o.fund!);
  const signer = privateKeySigner(wallet.privateKey);
  const reader = createTaskmarketReader({ apiUrl: sim.url, signer });
  const writer = createTaskmarketWriter({ apiUrl: sim.url, signer, network: SIM_NETWORK });
  const executor = o.executor ? o.executor(writer) : createNativeExecutor({ writer });
  const dir = tempDir();
  const journalPath = join(dir, 'journal.jsonl');
  const actor: Actor = {
    wallet,
    address: wallet.address,
    reader,
    writer,
    executor,
    dir,
    journalPath,
    journal: openJournal(journalPath),
    runner: undefined as unknown as ActionRunner,
    async run(intent, extra = {}) {
      const task = extra.task !== undefined ? extra.task : intent.taskId ? await actor.task(intent.taskId) : null;
      return actor.runner.run(intent, APPROVAL, { ...extra, task });
    },
    async task(id) {
      const t = await reader.getTask(id);
      if (!t) throw new Error(`task ${id} not visible`);
      return t;
    },
    reopen() {
      actor.journal.close();
      actor.journal = openJournal(journalPath);
      actor.runner = runnerFor(actor, o.executorKind ?? 'native');
      return actor.journal;
    },
    close() {
      actor.journal.close();
    },
  };
  actor.runner = runnerFor(actor, o.executorKind ?? (o.executor ? 'cli' : 'native'));
  return actor;
}

function runnerFor(a: Actor, kind: 'native' | 'cli'): ActionRunner {
  return createActionRunner({
    journal: a.journal,
    executor: a.executor,
    reader: a.reader,
    network: NETWORK,
    apiUrl: a.reader.apiUrl,
    wallet: a.address,
    executorKind: kind,
    verifyWaitMs: 50,
  });
}

/** A task intent as the tickets build one (fee from the backend's price table unless given). */
export function taskIntent(actor: Actor, action: ActionName, task: Task, params: Record<string, IntentValue>, over: Partial<Intent> = {}): Intent {
  const role: IntentRole = over.role ?? (task.requester.toLowerCase() === actor.address.toLowerCase() ? 'requester' : 'worker');
  const fee = over.fee ?? actionCost(action, { mode: task.mode, reward: task.reward, newReward: (params.reward as bigint | null | undefined) ?? null });
  return {
    market: 'taskmarket',
    action,
    taskId: task.id,
    role,
    wallet: actor.address,
    agent: null,
    mode: task.mode,
    auctionType: task.auctionType,
    amount: null,
    fee,
    spend: fee,
    payee: null,
    score: null,
    params,
    ...over,
  };
}

export interface CreateParams {
  description?: string;
  reward?: bigint;
  durationHours?: number;
  mode?: Intent['mode'];
  auctionType?: Task['auctionType'];
  auctionStartPrice?: bigint | null;
  auctionFloorPrice?: bigint | null;
  bidDeadlineHours?: number | null;
  pitchDeadlineHours?: number | null;
  tags?: string[];
}

export function createIntent(actor: Actor, p: CreateParams = {}): Intent {
  const reward = p.reward ?? 2_000_000n;
  const mode = p.mode ?? 'bounty';
  return {
    market: 'taskmarket',
    action: 'create_task',
    taskId: null,
    role: 'requester',
    wallet: actor.address,
    agent: null,
    mode,
    auctionType: p.auctionType ?? null,
    amount: reward,
    fee: 0n,
    spend: reward,
    payee: null,
    score: null,
    params: {
      description: p.description ?? `A ${mode} task for the act tests`,
      reward,
      durationHours: p.durationHours ?? 24,
      mode,
      auctionType: p.auctionType ?? null,
      maxPrice: mode === 'auction' ? reward : null,
      auctionStartPrice: p.auctionStartPrice ?? null,
      auctionFloorPrice: p.auctionFloorPrice ?? null,
      bidDeadlineHours: p.bidDeadlineHours ?? null,
      pitchDeadlineHours: p.pitchDeadlineHours ?? null,
      tags: p.tags ?? ['act'],
      metricDescription: null,
      metricTarget: null,
    },
  };
}

export function walletIntent(actor: Actor, action: 'withdraw' | 'set_withdrawal_address', params: Record<string, IntentValue>, spend = 0n): Intent {
  return {
    market: 'taskmarket',
    action,
    taskId: null,
    role: 'wallet',
    wallet: actor.address,
    agent: null,
    mode: null,
    auctionType: null,
    amount: action === 'withdraw' ? (params.amount as bigint) : null,
    fee: 0n,
    spend,
    payee: (params.to ?? params.address) as string,
    score: null,
    params,
  };
}

export interface RequestEntry {
  method: string;
  route: string;
  path: string;
  actor: string | null;
  idempotencyKey: string | null;
  status: number;
}

export async function requests(sim: TestSim): Promise<RequestEntry[]> {
  return (await sim.get<RequestEntry[]>('/sim/requests')).body;
}

export const stepsOf = (journal: Journal, actionId: string): string[] => journal.records().filter((r: JournalRecord) => r.actionId === actionId).map((r) => r.step);

/** The run verified, its journal reads intent → approved → sent → response → verified, and the market saw one effective write with its key. */
export async function expectClean(sim: TestSim, actor: Actor, out: RunOutcome, route: string): Promise<RequestEntry[]> {
  if (!out.ok) throw new Error(`run not ok: ${JSON.stringify({ refused: out.refused, response: out.response, verification: out.verification }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  expect(stepsOf(actor.journal, out.actionId!)).toEqual(['intent', 'approved', 'sent', 'response', 'verified']);
  const intent = actor.journal.records().find((r) => r.actionId === out.actionId && r.step === 'intent');
  expect(intent && intent.step === 'intent' && intent.idempotencyKey).toBe(out.idempotencyKey);
  const all = await requests(sim);
  const withKey = all.filter((r) => r.idempotencyKey === out.idempotencyKey);
  expect(withKey.length).toBeGreaterThan(0);
  expect(new Set(withKey.map((r) => r.route))).toEqual(new Set([route]));
  expect(withKey.filter((r) => r.status >= 200 && r.status < 300)).toHaveLength(1);
  return withKey;
}
