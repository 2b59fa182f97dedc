// A scriptable in-memory MarketReader for poller tests: records calls, can fail on demand, and can
// hold a request open to prove pollers never overlap.
import type { Address, Task } from '../../src/core/types.js';
import { MarketError } from '../../src/markets/errors.js';
import type { Email, InboxView, MarketReader, NetworkInfo, TaskListQuery, TaskPage } from '../../src/markets/market.js';

export class FakeReader implements MarketReader {
  readonly kind = 'taskmarket' as const;
  readonly apiUrl = 'http://127.0.0.1:0';
  tasks: Task[] = [];
  pageSize = 50;
  network: NetworkInfo = { networkName: 'base-sepolia', chainId: 84532, usdcAddress: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' };
  inboxView: InboxView = { asRequester: [], asWorker: [], invitedPrivateTasks: [] };
  emailList: Email[] = [];
  calls: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  /** Errors to throw, one per call, for the named method. */
  failures: Record<string, MarketError[]> = {};
  /** Count and fail the Clocks listing apart from the Feed's (default on). */
  splitAuctions = true;
  /** While set, listTasks waits for this promise. */
  gate: Promise<void> | null = null;

  private async enter<T>(name: string, fn: () => T): Promise<T> {
    this.calls.push(name);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if ((name === 'listTasks' || name === 'listAuctions') && this.gate) await this.gate;
      const err = this.failures[name]?.shift();
      if (err) throw err;
      return fn();
    } finally {
      this.inFlight--;
    }
  }

  count(name: string): number {
    return this.calls.filter((c) => c === name).length;
  }

  networkInfo() {
    return this.enter('networkInfo', () => this.network);
  }
  /** The Clocks pane's own listing (mode=auction) is counted as 'listAuctions', the Feed's as 'listTasks'. */
  listTasks(q: TaskListQuery): Promise<TaskPage> {
    return this.enter(q.mode === 'auction' && this.splitAuctions ? 'listAuctions' : 'listTasks', () => {
      const start = q.cursor ? Number(q.cursor) : 0;
      const size = q.limit ?? this.pageSize;
      const pool = q.mode ? this.tasks.filter((t) => t.mode === q.mode) : this.tasks;
      const tasks = pool.slice(start, start + size);
      const more = start + size < pool.length;
      return { tasks, hasMore: more, nextCursor: more ? String(start + size) : null };
    });
  }
  getTask(id: string) {
    return this.enter('getTask', () => this.tasks.find((t) => t.id === id) ?? null);
  }
  getBids() {
    return this.enter('getBids', () => []);
  }
  getSubmissions() {
    return this.enter('getSubmissions', () => []);
  }
  getPitches() {
    return this.enter('getPitches', () => []);
  }
  inbox(_a: Address) {
    return this.enter('inbox', () => this.inboxView);
  }
  myBids() {
    return this.enter('myBids', () => []);
  }
  balance() {
    return this.enter('balance', () => 5_000_000n);
  }
  agentStats(address: Address) {
    return this.enter('agentStats', () => ({
      address,
      agentId: null,
      completedTasks: 0,
      ratedTasks: 0,
      averageRating: null,
      totalEarnings: 0n,
      emailAddress: null,
    }));
  }
  emails() {
    return this.enter('emails', () => this.emailList);
  }
  markEmailRead() {
    return this.enter('markEmailRead', () => undefined);
  }
}
