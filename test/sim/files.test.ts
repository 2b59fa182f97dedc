// The sim's own S3 stand-in over real HTTP: PUT to the upload URL, preview with device credentials
// (requester or submitter only), GET the presigned URL for the exact bytes; size cap; persistence under --state.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, type Wallet } from '../helpers/x402.js';
import { attachFiles } from '../../src/sim/taskmarket/files-store.js';
import { createTask, sign, submit } from './submissions-helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ config: { maxUploadBytes: 1024 } });
});
afterAll(async () => {
  await sim.close();
});

async function device(w: Wallet): Promise<{ deviceId: string; apiToken: string }> {
  const r = await sim.post('/api/devices', {
    walletAddress: w.address,
    signature: await sign(w, `taskmarket:device-register:${w.address.toLowerCase()}`),
  });
  if (r.status !== 200) throw new Error(`device: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('upload, preview, download', () => {
  it('gives the requester and the submitter the exact bytes, nobody else', async () => {
    const requester = newWallet();
    const worker = newWallet();
    const stranger = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    const id = await createTask(sim, requester, { mode: 'bounty' });
    const bytes = Buffer.from([0x00, 0xff, 0x1b, 0x5b, 0x32, 0x4a, 0x0a, 0x41]); // binary incl. ESC: served as-is
    const sub = await submit(sim, worker, id, bytes);
    expect(sub.status).toBe(200);
    const submissionId = sub.body.submissionId as string;

    for (const who of [requester, worker]) {
      const creds = await device(who);
      const p = await sim.post(`/api/tasks/${id}/submissions/${submissionId}/preview`, { taskId: id, submissionId, ...creds });
      expect(p.status).toBe(200);
      expect(p.body.presignedUrl.startsWith(`${sim.url}/sim/downloads/`)).toBe(true);
      const dl = await fetch(p.body.presignedUrl);
      expect(dl.status).toBe(200);
      expect(dl.headers.get('content-type')).toBe('application/octet-stream');
      expect(Buffer.from(await dl.arrayBuffer()).equals(bytes)).toBe(true);
    }

    const other = await device(stranger);
    const denied = await sim.post(`/api/tasks/${id}/submissions/${submissionId}/preview`, { taskId: id, submissionId, ...other });
    expect(denied.status).toBe(403);
    const badToken = await sim.post(`/api/tasks/${id}/submissions/${submissionId}/preview`, { taskId: id, submissionId, deviceId: other.deviceId, apiToken: 'f'.repeat(64) });
    expect(badToken.status).toBe(401);
    expect(badToken.body).toMatchObject({ message: 'Invalid device credentials' });
    expect((await fetch(`${sim.url}/sim/downloads/not-a-token`)).status).toBe(404);
  });

  it('refuses uploads over the cap and PUTs to keys it never issued', async () => {
    const requester = newWallet();
    const worker = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    const id = await createTask(sim, requester, { mode: 'bounty' });
    const big = await sim.post(`/api/tasks/${id}/submissions/request-upload-url`, {
      taskId: id, workerAddress: worker.address, signature: await sign(worker, `taskmarket:submit:${id}`), fileName: 'big.bin', mimeType: 'application/octet-stream', role: 'attachment', sizeBytes: 4096,
    });
    expect(big.status).toBe(400);
    expect(big.body.message).toMatch(/File too large/);
    const stray = await fetch(`${sim.url}/sim/uploads/${encodeURIComponent('no-such-key')}`, { method: 'PUT', body: 'x' });
    expect(stray.status).toBe(404);
    const ok = await sim.post(`/api/tasks/${id}/submissions/request-upload-url`, {
      taskId: id, workerAddress: worker.address, signature: await sign(worker, `taskmarket:submit:${id}`), fileName: 'small.bin', mimeType: 'application/octet-stream', role: 'attachment', sizeBytes: 10,
    });
    const tooBig = await fetch(ok.body.uploadUrl, { method: 'PUT', body: Buffer.alloc(2048) });
    expect(tooBig.status).toBe(413);
  });
});

describe('with a state dir', () => {
  it('keeps the bytes under <state>/uploads and reads them back in a new store', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sim-files-'));
    try {
      const store = attachFiles(sim.sim, dir);
      const requester = newWallet();
      const worker = newWallet();
      await sim.faucet(requester.address, 5_000_000n);
      const id = await createTask(sim, requester, { mode: 'bounty' });
      const bytes = Buffer.from('persist me');
      expect((await submit(sim, worker, id, bytes)).status).toBe(200);
      const files = await readdir(join(dir, 'uploads'));
      expect(files).toContain('index.json');
      expect(files.length).toBe(2);
      const key = sim.sim.state.submissions.at(-1)?.artifacts[0]?.storageUri as string;
      const reopened = attachFiles(sim.sim, dir);
      expect(reopened).not.toBe(store);
      expect(reopened.read(key)?.equals(bytes)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
