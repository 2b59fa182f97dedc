// The sim's stand-ins for S3: PUT <origin>/sim/uploads/<key> (what request-upload-url hands out) and
// GET <origin>/sim/downloads/<token> (what preview hands out), plus POST …/submissions/:id/preview
// (device credentials; requester or submitter only — taskmarket-backend.md §1.7, taskmarket-cli.md §1.2 download).
import { z } from 'zod';
import { accountsOf, DeviceAuthError } from '../accounts/accounts.js';
import { filesOf } from '../files-store.js';
import { writeRoute } from '../idempotency.js';
import { ok, trpcError, type Route } from '../../router.js';
import { noteActor, type Sim } from '../../sim.js';
import { same, taskOf } from '../modes/access.js';

const previewSchema = z.object({
  taskId: z.string().min(1),
  submissionId: z.string().min(1),
  deviceId: z.string().min(1),
  apiToken: z.string().min(1),
  artifactId: z.string().optional(),
});

export const routes: Route<Sim>[] = [
  {
    method: 'PUT',
    path: '/sim/uploads/:key',
    handle(req, sim) {
      const put = filesOf(sim).put(req.params.key ?? '', req.raw);
      if (!put.ok) return { status: put.status, body: { error: put.error } };
      sim.changed();
      return { status: 200, rawBody: '', headers: { ETag: `"${put.meta.sha256Hash}"` } };
    },
  },
  {
    method: 'GET',
    path: '/sim/downloads/:token',
    handle(req, sim) {
      const files = filesOf(sim);
      const meta = files.resolveDownload(req.params.token ?? '');
      const bytes = meta ? files.read(meta.key) : null;
      if (!meta || !bytes) return { status: 404, body: { error: 'Not found' } };
      // Served as an opaque attachment: the bytes are untrusted worker content.
      return {
        status: 200,
        rawBody: bytes,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': 'attachment',
          'X-Content-Type-Options': 'nosniff',
        },
      };
    },
  },
  writeRoute({
    path: '/api/tasks/:taskId/submissions/:submissionId/preview',
    schema: previewSchema,
    handle(body, req, sim) {
      let wallet: string;
      try {
        wallet = accountsOf(sim).authDevice(body.deviceId, body.apiToken).walletAddress;
      } catch (err) {
        const revoked = err instanceof DeviceAuthError && err.message === 'Device has been revoked';
        return trpcError(401, revoked ? 'Device has been revoked' : 'Invalid device credentials');
      }
      noteActor(req, wallet);
      const task = taskOf(sim, body.taskId);
      const sub = sim.state.submissions.find((s) => s.id === body.submissionId && s.taskId === body.taskId);
      if (!task || !sub) return trpcError(404, 'Submission not found'); // sim wording
      if (!same(wallet, task.requester) && !same(wallet, sub.workerAddress)) {
        return trpcError(403, 'Only the task requester or the submitter can preview this submission'); // sim wording
      }
      const artifact = body.artifactId ? sub.artifacts.find((a) => a.id === body.artifactId) : sub.artifacts[0];
      if (!artifact || !artifact.storageUri) return trpcError(404, 'Artifact not found'); // sim wording
      const token = filesOf(sim).issueDownload(artifact.storageUri);
      return ok({ presignedUrl: `${req.origin}/sim/downloads/${token}`, artifactId: artifact.id, fileName: artifact.fileName, mimeType: artifact.mimeType });
    },
  }),
];
