// `taskmarket task submit` as three legs (cli §1.2): request-upload-url per file (signed
// `taskmarket:submit:<id>`), PUT the bytes, then from-keys signed over the artifact keys, through x402
// (bounty/benchmark submissions past the free allowance cost 0.001 USDC; under it the server answers 2xx).
import { createHash, randomUUID } from 'node:crypto';
import { keccak256 } from 'viem';
import { MarketError } from '../../errors.js';
import { parseWire } from '../parse.js';
import { submitResultSchema, uploadUrlResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, signMessage, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export type ArtifactRole = 'preview' | 'source' | 'final' | 'attachment';

export interface SubmitFile {
  fileName: string;
  mimeType: string;
  data: Uint8Array;
}

export interface SubmitParameters extends WriteOptions {
  taskId: string;
  files: SubmitFile[];
  role?: ArtifactRole;
  /** What the desk expects to pay for the from-keys leg if the server asks (0.001 USDC past the free allowance). */
  expectedAmount?: bigint;
  signal?: AbortSignal;
}
export interface SubmitResult extends WriteMeta {
  submissionId: string;
  artifactKeys: string[];
}

/** The upload URL is server-supplied: http(s) only, and plain http only back to the API's own host. */
function checkUploadUrl(raw: string, apiUrl: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MarketError('http', 'Server gave an upload URL that is not a URL', { reason: 'bad_upload_url' });
  }
  const api = new URL(apiUrl);
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && url.host === api.host);
  if (!ok || url.username || url.password) throw new MarketError('http', `Refusing upload URL on ${url.protocol}//${url.host}`, { reason: 'bad_upload_url' });
  return url;
}

async function put(ctx: WriteContext, url: URL, file: SubmitFile, signal?: AbortSignal): Promise<void> {
  const timeout = AbortSignal.timeout(ctx.client.timeoutMs * 4);
  let res: Response;
  try {
    res = await ctx.client.fetch(url, {
      method: 'PUT',
      headers: { 'Content-Type': file.mimeType, 'Content-Length': String(file.data.byteLength) },
      body: file.data,
      redirect: 'error',
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    await res.arrayBuffer().catch(() => undefined);
  } catch {
    if (timeout.aborted) throw new MarketError('timeout', `Upload of ${file.fileName.slice(0, 80)} timed out`, { route: 'PUT <uploadUrl>' });
    throw new MarketError('network', `Upload of ${file.fileName.slice(0, 80)} failed`, { route: 'PUT <uploadUrl>' });
  }
  if (!res.ok) throw new MarketError(res.status >= 500 ? 'server' : 'http', `Upload failed (${res.status})`, { status: res.status, route: 'PUT <uploadUrl>' });
}

export async function submit(ctx: WriteContext, p: SubmitParameters): Promise<SubmitResult> {
  if (p.files.length === 0) throw new MarketError('http', '--file is required', { reason: 'invalid_params' });
  const role = p.role ?? 'attachment';
  const first = await signMessage(ctx.client, `taskmarket:submit:${p.taskId}`);
  const s = p.signal ? { signal: p.signal } : {};
  const artifacts = [];
  for (const file of p.files) {
    if (file.data.byteLength === 0) throw new MarketError('http', `File is empty: ${file.fileName.slice(0, 80)}`, { reason: 'invalid_params' });
    const body = await ctx.client.post(
      taskPath(p.taskId, '/submissions/request-upload-url'),
      { taskId: p.taskId, workerAddress: first.address, signature: first.signature, fileName: file.fileName, mimeType: file.mimeType, role, sizeBytes: file.data.byteLength },
      { idempotencyKey: randomUUID(), ...s },
    );
    const { uploadUrl, artifactKey } = parseWire(uploadUrlResultSchema, body, 'POST /api/tasks/{taskId}/submissions/request-upload-url');
    await put(ctx, checkUploadUrl(uploadUrl, ctx.client.apiUrl), file, p.signal);
    artifacts.push({
      artifactKey,
      fileName: file.fileName,
      mimeType: file.mimeType,
      role,
      sizeBytes: file.data.byteLength,
      sha256Hash: createHash('sha256').update(file.data).digest('hex'),
      keccak256Hash: keccak256(file.data),
    });
  }
  const bound = await signMessage(ctx.client, `taskmarket:submit:${p.taskId}:${artifacts.map((a) => a.artifactKey).join(',')}`);
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/submissions/from-keys'),
    route: 'POST /api/tasks/{taskId}/submissions/from-keys',
    body: { taskId: p.taskId, workerAddress: bound.address, artifacts, signature: bound.signature },
    expectedAmount: p.expectedAmount ?? STANDARD_ACTION_FEE,
    schema: submitResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { submissionId: r.data.submissionId, artifactKeys: artifacts.map((a) => a.artifactKey), idempotencyKey: r.idempotencyKey, paid: r.paid };
}
