// The other side of the desk's Execution Market trades: a fresh wallet (a viem local account) signing
// ERC-8128 requests through the desk's own EM client over real HTTP, registered as a worker, funded from
// the simulator's faucet when it has to lock escrow. It publishes, applies, assigns, submits and approves.
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { apply, approve, assign, getApplications, getSubmissions, publish, registerWorker, submit } from '../../src/markets/execution-market/actions/index.js';
import { createEmClient, type EmClient } from '../../src/markets/execution-market/client.js';
import type { PublishInput } from '../../src/markets/execution-market/validate.js';

export interface EmParty {
  address: `0x${string}`;
  /** Lower-case, as EM and the ledger spell it. */
  lower: string;
  client: EmClient;
  executorId: string;
  /** Publish a task; resolves with its id once the server answered (the instant is `publishedAt`). */
  publish(input?: Partial<PublishInput>): Promise<{ id: string; publishedAt: number }>;
  apply(taskId: string, message?: string): Promise<void>;
  /** Assign the applicant whose wallet is `wallet` (locks the bounty from this party's balance). */
  assignWallet(taskId: string, wallet: string): Promise<{ executorId: string }>;
  submit(taskId: string, evidence?: Record<string, unknown>): Promise<string>;
  /** Approve the task's pending submission (pays 87/13). */
  approvePending(taskId: string): Promise<{ workerNet: bigint; platformFee: bigint }>;
}

export const TASK: PublishInput = {
  title: '[KK Request] Raw Chat Logs',
  instructions: 'Deliver raw Twitch chat logs as JSON with at least 100 records.',
  category: 'knowledge_access',
  bounty: 50_000n,
  deadlineHours: 24,
  evidenceRequired: ['json_response'],
};

export const EVIDENCE = { json_response: { url: 's3://kk-data/raw_logs/1.json', records: 500 } };

/** A fresh signed EM party on the simulator at `simUrl` (funded with `fund` base units when > 0). */
export async function emParty(simUrl: string, o: { fund?: bigint; name?: string } = {}): Promise<EmParty> {
  const account = privateKeyToAccount(generatePrivateKey());
  const client = createEmClient({ baseUrl: `${simUrl}/em`, signer: { address: account.address, withAccount: (fn) => fn(account) } });
  const lower = account.address.toLowerCase();
  if ((o.fund ?? 0n) > 0n) {
    const r = await fetch(`${simUrl}/sim/faucet`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ address: account.address, amount: String(o.fund) }) });
    if (r.status !== 200) throw new Error(`faucet: ${r.status}`);
  }
  const { executorId } = await registerWorker(client, { name: o.name ?? 'e2e counterparty' });
  return {
    address: account.address,
    lower,
    client,
    executorId,
    async publish(input = {}) {
      const { task } = await publish(client, { ...TASK, ...input });
      return { id: task.id, publishedAt: Date.now() };
    },
    async apply(taskId, message = 'I have 500 records') {
      await apply(client, { taskId, executorId, message });
    },
    async assignWallet(taskId, wallet) {
      const app = (await getApplications(client, { taskId })).find((a) => a.wallet === wallet.toLowerCase());
      if (!app) throw new Error(`no application from ${wallet} on ${taskId}`);
      await assign(client, { taskId, executorId: app.executorId, workerWallet: app.wallet ?? wallet.toLowerCase() });
      return { executorId: app.executorId };
    },
    async submit(taskId, evidence = EVIDENCE) {
      const r = await submit(client, { taskId, executorId, evidence, requiredEvidence: Object.keys(evidence), notes: 'delivered' });
      return r.submissionId;
    },
    async approvePending(taskId) {
      const sub = (await getSubmissions(client, { taskId })).find((s) => s.verdict === 'pending');
      if (!sub) throw new Error(`no pending submission on ${taskId}`);
      const r = await approve(client, { taskId, submissionId: sub.id });
      if (r.workerNet === null || r.platformFee === null) throw new Error(`approve on ${taskId} did not report the split`);
      return { workerNet: r.workerNet, platformFee: r.platformFee };
    },
  };
}
