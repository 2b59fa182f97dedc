// Artifact storage for the simulator's submission flow. The real backend hands out S3 presigned URLs;
// the simulator serves both legs itself: PUT <origin>/sim/uploads/<key> and GET <origin>/sim/downloads/<token>.
// Bytes live under <stateDir>/uploads when the sim has a state dir, otherwise in memory.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { keccak256 } from 'viem';

/** Upload cap per file. The real service allows 500 MB (operator guide); the sim keeps 32 MiB in memory at most. */
export const DEFAULT_MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

export interface ArtifactMeta {
  key: string;
  taskId: string;
  /** Lower-cased worker the key was issued to. */
  worker: string;
  fileName: string;
  mimeType: string;
  role: string;
  /** What the worker declared when asking for the upload URL. */
  declaredSize: number;
  /** Set once the bytes arrive. */
  uploadedSize: number | null;
  sha256Hash: string | null;
  keccak256Hash: string | null;
  issuedAt: number;
}

export interface IssueArtifactParameters {
  taskId: string;
  worker: string;
  fileName: string;
  mimeType: string;
  role: string;
  declaredSize: number;
  now: number;
}

export type PutResult = { ok: true; meta: ArtifactMeta } | { ok: false; status: number; error: string };

export class FilesStore {
  private readonly meta = new Map<string, ArtifactMeta>();
  private readonly bytes = new Map<string, Buffer>();
  private readonly downloads = new Map<string, string>(); // token → key
  private readonly dir: string | null;

  constructor(
    stateDir: string | null = null,
    readonly maxBytes: number = DEFAULT_MAX_UPLOAD_BYTES,
  ) {
    this.dir = stateDir ? join(stateDir, 'uploads') : null;
    if (this.dir) {
      mkdirSync(this.dir, { recursive: true });
      const index = join(this.dir, 'index.json');
      if (existsSync(index)) {
        const rows = JSON.parse(readFileSync(index, 'utf8')) as ArtifactMeta[];
        for (const row of rows) this.meta.set(row.key, row);
      }
    }
  }

  /** A fresh key, bound to task and worker. No commas or slashes: keys are joined by ',' in the signed message. */
  issue(p: IssueArtifactParameters): ArtifactMeta {
    const key = `${p.taskId}-${p.worker.toLowerCase()}-${randomUUID()}`;
    const row: ArtifactMeta = {
      key,
      taskId: p.taskId,
      worker: p.worker.toLowerCase(),
      fileName: p.fileName,
      mimeType: p.mimeType,
      role: p.role,
      declaredSize: p.declaredSize,
      uploadedSize: null,
      sha256Hash: null,
      keccak256Hash: null,
      issuedAt: p.now,
    };
    this.meta.set(key, row);
    this.saveIndex();
    return row;
  }

  /** Issue a key and store bytes at once (direct base64 submissions, §1.7). */
  storeDirect(p: Omit<IssueArtifactParameters, 'declaredSize'>, data: Buffer): PutResult {
    const row = this.issue({ ...p, declaredSize: data.length });
    return this.put(row.key, data);
  }

  get(key: string): ArtifactMeta | undefined {
    return this.meta.get(key);
  }

  /** Store the uploaded bytes for an issued key (a re-PUT replaces them, like S3). */
  put(key: string, data: Buffer): PutResult {
    const row = this.meta.get(key);
    if (!row) return { ok: false, status: 404, error: 'Unknown upload key' };
    if (data.length > this.maxBytes) return { ok: false, status: 413, error: `Upload exceeds ${this.maxBytes} bytes` };
    row.uploadedSize = data.length;
    row.sha256Hash = createHash('sha256').update(data).digest('hex');
    row.keccak256Hash = keccak256(new Uint8Array(data));
    if (this.dir) writeFileSync(join(this.dir, fileNameFor(key)), data);
    else this.bytes.set(key, data);
    this.saveIndex();
    return { ok: true, meta: row };
  }

  read(key: string): Buffer | null {
    if (this.dir) {
      const path = join(this.dir, fileNameFor(key));
      return existsSync(path) ? readFileSync(path) : null;
    }
    return this.bytes.get(key) ?? null;
  }

  /** A one-off download token for GET /sim/downloads/<token> (stands in for an S3 presigned URL). */
  issueDownload(key: string): string {
    const token = randomUUID();
    this.downloads.set(token, key);
    return token;
  }

  resolveDownload(token: string): ArtifactMeta | undefined {
    const key = this.downloads.get(token);
    return key ? this.meta.get(key) : undefined;
  }

  private saveIndex(): void {
    if (!this.dir) return;
    const path = join(this.dir, 'index.json');
    writeFileSync(`${path}.tmp`, JSON.stringify([...this.meta.values()]));
    renameSync(`${path}.tmp`, path);
  }
}

const stores = new WeakMap<object, FilesStore>();

/** The artifact store of a sim: in memory unless attachFiles gave it a state dir. */
export function filesOf(sim: { config: { maxUploadBytes: number } }): FilesStore {
  let f = stores.get(sim);
  if (!f) stores.set(sim, (f = new FilesStore(null, sim.config.maxUploadBytes)));
  return f;
}

/** Keep uploaded bytes under <stateDir>/uploads (startSim calls this when --state is given). */
export function attachFiles(sim: { config: { maxUploadBytes: number } }, stateDir: string): FilesStore {
  const f = new FilesStore(stateDir, sim.config.maxUploadBytes);
  stores.set(sim, f);
  return f;
}

/** Keys are built from hex, '-' and a UUID, but never trust that on a filesystem path. */
function fileNameFor(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
