// A read API over one EM client for the desk's pollers (execution-market-api.md §4a, §6, §13.5): browse pages
// (limit/offset), my tasks as publisher (signed GET /tasks?publisher=) and as worker (the tasks this wallet
// applied to or was assigned, tracked by id: EM has no "my work" listing), a task's detail with applications,
// submissions and the payment timeline, and the config. Every datum carries the time it was fetched.
import type { Task } from '../../core/types.js';
import { browse, type BrowseParameters, type BrowseResult } from './actions/browse.js';
import { honouringRateLimit } from './actions/common.js';
import { getApplications } from './actions/get-applications.js';
import { getConfig, type EmConfig } from './actions/get-config.js';
import { getEscrowConfig, type EmEscrowConfig } from './actions/get-escrow-config.js';
import { getPayment } from './actions/get-payment.js';
import { getMySubmission, type EmSubmissionDetail } from './actions/get-submission.js';
import { getSubmissions } from './actions/get-submissions.js';
import { getTask } from './actions/get-task.js';
import { listMine, type ListMineParameters, type ListMineResult } from './actions/list-mine.js';
import type { EmClient } from './client.js';
import { deriveEmActions, type EmDerivedAction } from './derive-actions.js';
import { enrichTask, type EmApplication, type EmPayment, type EmSubmission } from './normalize.js';

export interface Fetched<T> {
  value: T;
  /** Epoch ms (the client's clock) when it arrived. */
  fetchedAt: number;
}

export interface EmTaskDetail {
  task: Task;
  role: 'publisher' | 'worker' | 'viewer';
  /** Publisher only (null otherwise). */
  applications: EmApplication[] | null;
  submissions: EmSubmission[] | null;
  /** The worker's own submission (null when none or not the worker). */
  mySubmission: EmSubmissionDetail | null;
  payment: EmPayment | null;
  actions: EmDerivedAction[];
  fetchedAt: number;
}

export interface EmReaderOptions {
  client: EmClient;
  /** The wallet's executor id (registerWorker), for the worker side. */
  executorId?: string | null;
  /** Cache the config this long (default 5 min: it is rate-limit exempt but rarely changes). */
  configTtlMs?: number;
}

export interface EmReader {
  readonly client: EmClient;
  readonly executorId: string | null;
  setExecutorId(id: string | null): void;
  config(signal?: AbortSignal): Promise<Fetched<EmConfig>>;
  escrowConfig(network?: string, signal?: AbortSignal): Promise<Fetched<EmEscrowConfig>>;
  browse(p?: BrowseParameters): Promise<Fetched<BrowseResult>>;
  /** Every page of a browse, up to `maxPages` (default 5 × 100). */
  browseAll(p?: Omit<BrowseParameters, 'offset' | 'limit'> & { maxPages?: number }): Promise<Fetched<Task[]>>;
  myPublished(p?: Omit<ListMineParameters, 'publisher'>): Promise<Fetched<ListMineResult>>;
  /** Track a task as this wallet's work (after apply, or from a user-room event). */
  track(taskId: string): void;
  untrack(taskId: string): void;
  tracked(): string[];
  /** The tracked tasks as they are now; a task EM no longer shows (404/410) is dropped from tracking. */
  myWork(signal?: AbortSignal): Promise<Fetched<Task[]>>;
  /** One task (signed read), with the assignee's wallet filled in when it is this wallet. */
  task(taskId: string, signal?: AbortSignal): Promise<Fetched<Task | null>>;
  /** The task with everything the wallet's role may read, and its derived actions. */
  detail(taskId: string, o?: { signal?: AbortSignal; applied?: boolean; payment?: boolean }): Promise<EmTaskDetail | null>;
}

export function createEmReader(o: EmReaderOptions): EmReader {
  const client = o.client;
  let executorId = o.executorId ?? null;
  const tracked = new Set<string>();
  const ttl = o.configTtlMs ?? 300_000;
  let cachedConfig: Fetched<EmConfig> | null = null;
  const escrowCache = new Map<string, Fetched<EmEscrowConfig>>();
  const me = () => client.signer?.address.toLowerCase() ?? null;
  const stamp = <T>(value: T): Fetched<T> => ({ value, fetchedAt: client.now() });
  const sig = (signal?: AbortSignal) => (signal ? { signal } : {});

  /** The assignee's wallet is ours when the executor id is ours. */
  const mine = (t: Task): Task => (t.em && executorId !== null && t.em.executorId === executorId && me() ? enrichTask(t, { executorWallet: me() }) : t);

  async function oneTask(taskId: string, signal?: AbortSignal): Promise<Task | null> {
    const t = await honouringRateLimit(() => getTask(client, { taskId, ...sig(signal) }), sig(signal));
    return t ? mine(t) : null;
  }

  return {
    client,
    get executorId() {
      return executorId;
    },
    setExecutorId(id) {
      executorId = id;
    },
    async config(signal) {
      if (cachedConfig && client.now() - cachedConfig.fetchedAt < ttl) return cachedConfig;
      cachedConfig = stamp(await getConfig(client, sig(signal)));
      return cachedConfig;
    },
    async escrowConfig(network, signal) {
      const k = network ?? '';
      const hit = escrowCache.get(k);
      if (hit && client.now() - hit.fetchedAt < ttl) return hit;
      const v = stamp(await getEscrowConfig(client, { ...(network ? { network } : {}), ...sig(signal) }));
      escrowCache.set(k, v);
      return v;
    },
    async browse(p = {}) {
      return stamp(await browse(client, p));
    },
    async browseAll(p = {}) {
      const { maxPages = 5, ...rest } = p;
      const out: Task[] = [];
      let offset: number | null = 0;
      for (let i = 0; i < maxPages && offset !== null; i++) {
        const page: BrowseResult = await browse(client, { ...rest, limit: 100, offset });
        out.push(...page.tasks);
        offset = page.nextOffset;
      }
      return stamp(out);
    },
    async myPublished(p = {}) {
      return stamp(await listMine(client, p));
    },
    track: (id) => void tracked.add(id),
    untrack: (id) => void tracked.delete(id),
    tracked: () => [...tracked],
    async myWork(signal) {
      const out: Task[] = [];
      for (const id of [...tracked]) {
        const t = await oneTask(id, signal);
        if (t) out.push(t);
        else tracked.delete(id);
      }
      return stamp(out);
    },
    async task(taskId, signal) {
      return stamp(await oneTask(taskId, signal));
    },
    async detail(taskId, d = {}) {
      let task = await oneTask(taskId, d.signal);
      if (!task?.em) return null;
      const wallet = me();
      const role = wallet !== null && task.em.publisherWallet === wallet ? 'publisher' : executorId !== null && task.em.executorId === executorId ? 'worker' : 'viewer';
      let applications: EmApplication[] | null = null;
      let submissions: EmSubmission[] | null = null;
      let mySubmission: EmSubmissionDetail | null = null;
      if (role === 'publisher') {
        applications = await getApplications(client, { taskId, ...sig(d.signal) });
        submissions = task.em.status === 'published' && task.submissionCount === 0 ? [] : await getSubmissions(client, { taskId, ...sig(d.signal) });
        const assignee = task.em.executorId ? applications.find((a) => a.executorId === task!.em!.executorId)?.wallet ?? null : null;
        task = enrichTask(task, { executorWallet: assignee, applicationsCount: applications.length, submissionCount: submissions.length });
      } else if (role === 'worker' && executorId !== null) {
        mySubmission = await getMySubmission(client, { taskId, executorId, ...sig(d.signal) });
      }
      const payment = (d.payment ?? role !== 'viewer') ? await getPayment(client, { taskId, ...sig(d.signal) }) : null;
      const actions = wallet
        ? deriveEmActions(task, {
            wallet,
            executorId,
            now: client.now(),
            ...(applications ? { applications } : {}),
            ...(submissions ? { submissions } : {}),
            applied: d.applied ?? tracked.has(taskId),
          })
        : [];
      return { task, role, applications, submissions, mySubmission, payment, actions, fetchedAt: client.now() };
    },
  };
}
