// Shared steps for the sim mode tests: create a task as a requester, and submit work exactly the way the
// official CLI does (request-upload-url → PUT → from-keys with the two-leg x402 exchange).
import { createHash, randomUUID } from 'node:crypto';
import { keccak256 } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { TestSim } from '../helpers/sim.js';
import { paidPost, type Wallet } from '../helpers/x402.js';

export const FEE = 1000n;

export async function sign(w: Wallet, message: string): Promise<`0x${string}`> {
  return privateKeyToAccount(w.privateKey).signMessage({ message });
}

export interface CreateOptions {
  mode?: string;
  reward?: bigint;
  durationHours?: number;
  [key: string]: unknown;
}

/** POST /api/tasks paid by the requester; returns the task id. */
export async function createTask(sim: TestSim, requester: Wallet, opts: CreateOptions = {}): Promise<string> {
  const { mode = 'bounty', reward = 1_000_000n, durationHours = 24, ...rest } = opts;
  const r = await paidPost(
    sim.url,
    '/api/tasks',
    { description: `test ${mode} task`, reward: reward.toString(), duration: durationHours, tags: [], mode, ...rest },
    requester.privateKey,
  );
  if (r.status !== 200) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.taskId as string;
}

export async function task(sim: TestSim, taskId: string): Promise<any> {
  return (await sim.get(`/api/tasks/${taskId}`)).body;
}

export interface UploadResult {
  artifactKey: string;
  uploadUrl: string;
}

/** request-upload-url + PUT for one file, like the CLI (unbound signature). */
export async function upload(sim: TestSim, worker: Wallet, taskId: string, data: Buffer, fileName = 'work.txt'): Promise<UploadResult> {
  const r = await sim.post(`/api/tasks/${taskId}/submissions/request-upload-url`, {
    taskId,
    workerAddress: worker.address,
    signature: await sign(worker, `taskmarket:submit:${taskId}`),
    fileName,
    mimeType: 'text/plain',
    role: 'attachment',
    sizeBytes: data.length,
  });
  if (r.status !== 200) throw new Error(`upload-url failed: ${r.status} ${JSON.stringify(r.body)}`);
  const put = await fetch(r.body.uploadUrl, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: data });
  if (put.status < 200 || put.status >= 300) throw new Error(`PUT failed: ${put.status}`);
  return r.body;
}

export function artifactOf(key: string, data: Buffer, fileName = 'work.txt') {
  return {
    artifactKey: key,
    fileName,
    mimeType: 'text/plain',
    role: 'attachment',
    sizeBytes: data.length,
    sha256Hash: createHash('sha256').update(data).digest('hex'),
    keccak256Hash: keccak256(new Uint8Array(data)),
  };
}

/** The whole CLI submit flow; returns the from-keys answer (paid or not). */
export async function submit(sim: TestSim, worker: Wallet, taskId: string, data: Buffer = Buffer.from(`work ${randomUUID()}`)) {
  const up = await upload(sim, worker, taskId, data);
  const body = {
    taskId,
    workerAddress: worker.address,
    artifacts: [artifactOf(up.artifactKey, data)],
    signature: await sign(worker, `taskmarket:submit:${taskId}:${up.artifactKey}`),
  };
  return paidPost(sim.url, `/api/tasks/${taskId}/submissions/from-keys`, body, worker.privateKey);
}
