// Submissions (taskmarket-backend.md §1.7; what the CLI sends: taskmarket-cli.md §1.2 submit):
// request-upload-url (worker-signed, unbound) → PUT to the sim's own upload URL (files.ts) → from-keys
// (signature bound to the artifact keys, metered §1.1); the direct base64 form; the two list reads.
import { createHash } from 'node:crypto';
import { keccak256 } from 'viem';
import { z } from 'zod';
import { writeRoute } from '../idempotency.js';
import { ok, trpcError, type Route, type SimReply } from '../../router.js';
import { noteActor, type Sim } from '../../sim.js';
import type { ArtifactRecord } from '../../state.js';
import { filesOf } from '../files-store.js';
import { routerFail, submissionsBy, taskOf } from '../modes/access.js';
import { meteredRoute } from '../modes/metered.js';
import { submissionMetering, submissionWorkerRule, uploadWindowRule, SUBMISSION_CEILING_TEXT } from '../modes/rules.js';
import { checkSignature, messages } from '../modes/signatures.js';
import { applySubmission, deliverableHashOf, failReply, mediaKind, submissionActorGate, submissionGate, submissionStateGate } from '../modes/submit.js';
import { listSubmissions, mySubmissions } from '../modes/submission-views.js';

const ROLE = z.enum(['preview', 'source', 'final', 'attachment']);
const MAX_ARTIFACTS = 20;

const uploadUrlSchema = z.object({
  taskId: z.string().min(1),
  workerAddress: z.string().min(1),
  signature: z.string().min(1),
  fileName: z.string().min(1).max(255),
  mimeType: z.string().min(1).max(255),
  role: ROLE.default('attachment'),
  sizeBytes: z.number().int().positive(),
});

const fromKeysSchema = z.object({
  taskId: z.string().min(1),
  workerAddress: z.string().min(1),
  signature: z.string().min(1),
  artifacts: z
    .array(
      z.object({
        artifactKey: z.string().min(1),
        fileName: z.string().min(1).max(255),
        mimeType: z.string().min(1).max(255),
        role: ROLE.default('attachment'),
        sizeBytes: z.number().int().nonnegative(),
        sha256Hash: z.string().regex(/^[0-9a-f]{64}$/i, 'sha256Hash must be 64 hex characters'),
        keccak256Hash: z.string().optional(),
      }),
    )
    .min(1, 'At least one artifact is required')
    .max(MAX_ARTIFACTS, `At most ${MAX_ARTIFACTS} artifacts per submission`),
});

const directSchema = z.object({
  taskId: z.string().min(1),
  workerAddress: z.string().min(1),
  signature: z.string().min(1),
  artifacts: z
    .array(
      z.object({
        fileName: z.string().max(255).optional(),
        mimeType: z.string().max(255).optional(),
        role: ROLE.default('attachment'),
        file: z.string().min(1, 'Artifact file is required'),
      }),
    )
    .min(1, 'At least one artifact is required')
    .max(MAX_ARTIFACTS, `At most ${MAX_ARTIFACTS} artifacts per submission`),
});

type Worked = { taskId: string; workerAddress: string };

/** Unknown task → 404; ceiling → 429 (checked before anything else, §1.1); else free or paid. */
function meter(body: Worked, sim: Sim): 'free' | 'paid' | SimReply {
  const task = taskOf(sim, body.taskId);
  if (!task) return trpcError(404, 'Task not found');
  const m = submissionMetering(task.mode, submissionsBy(sim, task.id, body.workerAddress), {
    free: sim.config.freeSubmissionAllowance,
    ceiling: sim.config.hardSubmissionCeiling,
  });
  if (m === 'ceiling') return { status: 429, body: { error: SUBMISSION_CEILING_TEXT } };
  return m;
}

const isPaid = (body: Worked, sim: Sim) => meter(body, sim) === 'paid';

const decoded = new WeakMap<object, Buffer[]>();

export const routes: Route<Sim>[] = [
  writeRoute({
    path: '/api/tasks/:taskId/submissions/request-upload-url',
    schema: uploadUrlSchema,
    async handle(body, req, sim) {
      const task = taskOf(sim, body.taskId);
      if (!task) return trpcError(404, 'Task not found');
      const window = uploadWindowRule(task, sim.now());
      if (window) return routerFail(window);
      const sig = await checkSignature(messages.submit(body.taskId), body.signature, body.workerAddress, 'worker');
      if (!sig.ok) return trpcError(sig.status, sig.message);
      noteActor(req, sig.signer);
      const who = submissionWorkerRule(task, body.workerAddress);
      if (who) return routerFail(who);
      const files = filesOf(sim);
      if (body.sizeBytes > files.maxBytes) return trpcError(400, `File too large: ${body.sizeBytes} bytes (max ${files.maxBytes})`);
      const row = files.issue({
        taskId: task.id,
        worker: body.workerAddress,
        fileName: body.fileName,
        mimeType: body.mimeType,
        role: body.role,
        declaredSize: body.sizeBytes,
        now: sim.now(),
      });
      return ok({ uploadUrl: `${req.origin}/sim/uploads/${encodeURIComponent(row.key)}`, artifactKey: row.key });
    },
  }),

  meteredRoute<z.output<typeof fromKeysSchema>>({
    path: '/api/tasks/:taskId/submissions/from-keys',
    schema: fromKeysSchema,
    description: 'Submit work (artifact keys)',
    meter,
    async verify(body, _req, sim) {
      const task = taskOf(sim, body.taskId);
      if (!task) return trpcError(404, 'Task not found');
      const paid = isPaid(body, sim);
      const gate = submissionStateGate(sim, task, paid);
      if (gate) return gate;
      const keys = body.artifacts.map((a) => a.artifactKey);
      const sig = await checkSignature(messages.submit(body.taskId, keys), body.signature, body.workerAddress, 'worker');
      if (!sig.ok) return failReply({ status: sig.status, error: sig.message }, paid);
      const actor = submissionActorGate(sim, task, body.workerAddress, null);
      if (actor) return paid ? failReply({ status: actor.status, error: textOf(actor) }, true) : actor;
      const files = filesOf(sim);
      for (const a of body.artifacts) {
        const meta = files.get(a.artifactKey);
        if (!a.artifactKey.startsWith(`${task.id}-`) || (meta && meta.taskId !== task.id)) {
          return failReply({ status: 400, error: `Artifact key does not belong to task ${task.id}` }, paid);
        }
        if (meta && meta.worker !== body.workerAddress.toLowerCase()) {
          return failReply({ status: 403, error: `Artifact key was not issued to this worker: ${a.artifactKey}` }, paid);
        }
        if (!meta || meta.uploadedSize === null) {
          return failReply({ status: 400, error: `Artifact key not found in storage: ${a.artifactKey}` }, paid);
        }
        if (meta.uploadedSize !== a.sizeBytes) {
          return failReply({ status: 400, error: `Artifact size mismatch for ${a.fileName}: expected ${a.sizeBytes}, got ${meta.uploadedSize}` }, paid);
        }
        if (meta.sha256Hash !== a.sha256Hash.toLowerCase()) {
          // sim wording: the reference quotes the size check only.
          return failReply({ status: 400, error: `Artifact hash mismatch for ${a.fileName}: expected ${a.sha256Hash}, got ${meta.sha256Hash}` }, paid);
        }
      }
      return null;
    },
    preflight(body, payer, _req, sim) {
      const task = taskOf(sim, body.taskId);
      if (!task) return trpcError(404, 'Task not found');
      return submissionGate(sim, task, body.workerAddress, payer);
    },
    settle(body, _payer, _req, sim) {
      const task = taskOf(sim, body.taskId)!;
      const files = filesOf(sim);
      const artifacts: ArtifactRecord[] = body.artifacts.map((a, i) => {
        const meta = files.get(a.artifactKey)!;
        return {
          id: sim.uuid(),
          role: a.role,
          fileName: a.fileName,
          mimeType: a.mimeType,
          mediaKind: mediaKind(a.mimeType),
          storageUri: a.artifactKey,
          sizeBytes: meta.uploadedSize ?? a.sizeBytes,
          sha256Hash: meta.sha256Hash ?? a.sha256Hash,
          keccak256Hash: meta.keccak256Hash ?? keccak256(`0x${a.sha256Hash}`),
          displayOrder: i,
        };
      });
      const row = applySubmission(sim, {
        task,
        worker: body.workerAddress,
        signature: body.signature,
        artifacts,
        deliverableHash: deliverableHashOf(artifacts),
        fileUrl: artifacts[0]?.storageUri ?? null,
      });
      return ok({ success: true, submissionId: row.id });
    },
  }),

  meteredRoute<z.output<typeof directSchema>>({
    path: '/api/tasks/:taskId/submissions',
    schema: directSchema,
    description: 'Submit work',
    meter,
    async verify(body, _req, sim) {
      const task = taskOf(sim, body.taskId);
      if (!task) return trpcError(404, 'Task not found');
      const paid = isPaid(body, sim);
      const gate = submissionStateGate(sim, task, paid);
      if (gate) return gate;
      const max = filesOf(sim).maxBytes;
      const buffers = body.artifacts.map((a) => Buffer.from(a.file, 'base64'));
      if (buffers.some((b) => b.length === 0 || b.length > max)) {
        return failReply({ status: 400, error: `Artifact must be 1..${max} bytes of base64` }, paid); // sim wording
      }
      // §1.7 latest: the signature binds the sha256 hex of every artifact, in order.
      const hashes = buffers.map((b) => createHash('sha256').update(b).digest('hex'));
      const sig = await checkSignature(messages.submit(body.taskId, hashes), body.signature, body.workerAddress, 'worker');
      if (!sig.ok) return failReply({ status: sig.status, error: sig.message }, paid);
      const actor = submissionActorGate(sim, task, body.workerAddress, null);
      if (actor) return paid ? failReply({ status: actor.status, error: textOf(actor) }, true) : actor;
      decoded.set(body, buffers);
      return null;
    },
    preflight(body, payer, _req, sim) {
      const task = taskOf(sim, body.taskId);
      if (!task) return trpcError(404, 'Task not found');
      return submissionGate(sim, task, body.workerAddress, payer);
    },
    settle(body, _payer, _req, sim) {
      const task = taskOf(sim, body.taskId)!;
      const files = filesOf(sim);
      const buffers = decoded.get(body) ?? body.artifacts.map((a) => Buffer.from(a.file, 'base64'));
      const artifacts: ArtifactRecord[] = body.artifacts.map((a, i) => {
        const fileName = a.fileName ?? `artifact-${i + 1}`;
        const mimeType = a.mimeType ?? 'application/octet-stream';
        const put = files.storeDirect({ taskId: task.id, worker: body.workerAddress, fileName, mimeType, role: a.role, now: sim.now() }, buffers[i]!);
        if (!put.ok) throw new Error(put.error);
        return {
          id: sim.uuid(),
          role: a.role,
          fileName,
          mimeType,
          mediaKind: mediaKind(mimeType),
          storageUri: put.meta.key,
          sizeBytes: put.meta.uploadedSize ?? 0,
          sha256Hash: put.meta.sha256Hash ?? '',
          keccak256Hash: put.meta.keccak256Hash ?? '',
          displayOrder: i,
        };
      });
      const row = applySubmission(sim, {
        task,
        worker: body.workerAddress,
        signature: body.signature,
        artifacts,
        deliverableHash: deliverableHashOf(artifacts),
        fileUrl: artifacts[0]?.storageUri ?? null,
      });
      return ok({ success: true, submissionId: row.id });
    },
  }),

  { method: 'GET', path: '/api/tasks/:taskId/submissions', handle: listSubmissions },
  { method: 'GET', path: '/api/submissions/mine', handle: mySubmissions },
];

/** The message of a tRPC-shaped reply (to re-wrap it in the preflight envelope). */
function textOf(reply: SimReply): string {
  const b = reply.body as { message?: string; error?: string } | undefined;
  return b?.message ?? b?.error ?? 'Request refused';
}
