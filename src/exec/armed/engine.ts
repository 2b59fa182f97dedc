// The armed-order engine (issue 10): orders approved once, fired by the desk when their condition holds,
// each fire through the full gate on a fresh read and the session's runner. Auction-accepts are scheduled
// for the exact millisecond the clock crosses the trigger (one timer, not a 1 s tick); a long wait is
// re-planned in steps of at most maxSleepMs, so it never drifts. Clock and ladder tasks are re-read every
// pollMs (the guide's 5 s dutch cadence): a changed schedule moves the timer, a taken task ends the order.
// Every state change that matters after a restart is a journal step; restore() brings orders back paused.
import { isTerminal, transition, type ArmedSpec, type OrderEvent } from '../../core/armed/order.js';
import { matchClaimRule } from '../../core/armed/claim-rule.js';
import { triggerTiming } from '../../core/armed/trigger.js';
import { armingPhrase, checkSpec, fireLimit } from '../../core/armed/validate.js';
import { actionCost } from '../../core/action-cost.js';
import type { Task } from '../../core/types.js';
import type { Approval } from '../runner.js';
import { closedReason, fireAccept, fireClaim, ladderStep, PREREAD_MS, shortId, type FireCtx } from './fire.js';
import { newLive, viewOf, type Live } from './live.js';
import { countsAsFill } from './outcome.js';
import { actionOfKind, armedRecord, orderStep } from './records.js';
import { restoreOrders } from './restore.js';
import { realTimers, type ArmedEngine, type ArmedEngineOptions, type ArmResult, type EngineEventType, type EngineListener, type OrderView } from './types.js';

const msg = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 200);

export function createArmedEngine(options: ArmedEngineOptions): ArmedEngine {
  const o = { ...options, wallNow: options.wallNow ?? Date.now, leadMs: options.leadMs ?? 0 };
  const preReadMs = options.preReadMs ?? PREREAD_MS;
  const timers = o.timers ?? realTimers;
  const pollMs = o.pollMs ?? 5_000;
  const maxSleepMs = o.maxSleepMs ?? 30_000;
  const scale = o.scale ?? (() => 1);
  const journal = o.journal;
  const orders = new Map<string, Live>();
  const listeners = new Set<EngineListener>();
  let stopped = false;

  const list = (): OrderView[] => [...orders.values()].map(viewOf);

  function emit(type: EngineEventType, l: Live, message: string): void {
    if (listeners.size === 0) return;
    const views = list();
    for (const fn of listeners) {
      try {
        fn({ type, orderId: l.spec.id, message }, views);
      } catch {
        /* a listener's fault is not the order's */
      }
    }
  }

  function move(l: Live, e: OrderEvent): boolean {
    const t = transition(l.state, e, l.spec.kind);
    if (!t.ok) return false;
    l.state = t.state;
    if (isTerminal(l.state)) clear(l);
    return true;
  }

  /** Append an order step; a journal that refuses it never blocks stopping an order (logged as a note). */
  function record(l: Live, make: () => Parameters<typeof journal.append>[0]): void {
    try {
      journal.append(make());
    } catch (e) {
      l.note = `not journaled: ${msg(e)}`;
      emit('note', l, l.note);
    }
  }

  function suspend(l: Live, reason: string, check?: string): void {
    const r = reason.slice(0, 300);
    if (!move(l, { type: 'suspend', reason: r })) return;
    record(l, () => orderStep(l.armed, 'suspended', { reason: r, ...(check ? { check: check.slice(0, 60) } : {}) }, new Date(o.wallNow())));
    emit('suspended', l, `suspended: ${r}`);
    plan(l);
  }

  function expire(l: Live, reason: string): void {
    const r = reason.slice(0, 300);
    if (!move(l, { type: 'expire', reason: r })) return;
    record(l, () => orderStep(l.armed, 'expired', { reason: r }, new Date(o.wallNow())));
    emit('expired', l, `expired: ${r}`);
  }

  function clear(l: Live): void {
    if (l.timer !== null) timers.clearTimeout(l.timer);
    l.timer = null;
  }

  /** Wall ms until market time `at`. */
  function wallDelay(at: number): number {
    const ahead = at - o.now();
    if (ahead <= 0) return 0; // already due, frozen market or not
    const s = scale();
    if (!(s > 0)) return maxSleepMs; // a frozen market: look again later
    return Math.ceil(ahead / s);
  }

  /** One timer per order: the nearest of its crossing, its expiry and its next read. */
  function plan(l: Live): void {
    clear(l);
    if (stopped || isTerminal(l.state) || l.state.status === 'firing') return;
    const delays: number[] = [];
    if (l.spec.expiresAt !== null) delays.push(wallDelay(l.spec.expiresAt));
    if (l.state.status === 'armed' && l.spec.kind !== 'claim') {
      delays.push(Math.max(0, l.lastPollWall + pollMs - o.wallNow()));
      if (l.spec.kind === 'auction_accept' && l.crossing && l.crossing.kind !== 'never') {
        delays.push(wallDelay(l.crossing.at - o.leadMs));
        // One more read just before the crossing, so the fire has fresh data without a round trip of its own.
        if (wantsPreRead(l)) delays.push(0);
        else if (preReadMs > 0 && l.crossing.at - preReadMs > o.now()) delays.push(wallDelay(l.crossing.at - preReadMs));
      }
    }
    if (delays.length === 0) return;
    l.timer = timers.setTimeout(() => wake(l), Math.min(maxSleepMs, ...delays));
  }

  function wake(l: Live): void {
    l.timer = null;
    if (stopped || isTerminal(l.state) || l.state.status === 'firing') return;
    const now = o.now();
    if (l.spec.expiresAt !== null && now >= l.spec.expiresAt) {
      return expire(l, l.spec.kind === 'claim' ? 'the rule\'s expiry time passed' : l.task?.bidDeadline === l.spec.expiresAt ? 'the bid deadline passed' : 'the order\'s expiry time passed');
    }
    if (l.state.status !== 'armed') return plan(l);
    if (l.spec.kind === 'auction_accept' && l.crossing && l.crossing.kind !== 'never' && now >= l.crossing.at - o.leadMs) {
      void fireAccept(ctx, l).finally(() => plan(l));
      return;
    }
    if (l.spec.kind !== 'claim' && (o.wallNow() >= l.lastPollWall + pollMs || wantsPreRead(l))) {
      void poll(l);
      return;
    }
    plan(l);
  }

  /** Inside preReadMs of its crossing with no read since that window opened (and none in flight). */
  function wantsPreRead(l: Live): boolean {
    if (preReadMs <= 0 || l.spec.kind !== 'auction_accept' || !l.crossing || l.crossing.kind === 'never' || l.polling) return false;
    const ahead = l.crossing.at - o.now();
    return ahead > 0 && ahead <= preReadMs && o.wallNow() - Math.max(l.readWall, l.lastPollWall) > preReadMs - ahead + 50;
  }

  /** Take in a read of the order's task: re-plan the crossing, end the order when the task is gone. */
  function absorb(l: Live, task: Task): void {
    l.task = task;
    if (l.spec.kind !== 'auction_accept' || l.state.status !== 'armed') return;
    if (task.status !== 'open') return expire(l, closedReason(task));
    const timing = triggerTiming({ clock: task, trigger: l.spec.trigger, now: o.now(), until: l.spec.expiresAt });
    l.crossing = timing;
    // The requester changed the schedule so the trigger cannot be met (a window that simply ran out expires instead).
    if (timing.kind === 'never' && o.now() < l.spec.expiresAt) return suspend(l, `never fires now: ${timing.reason}`, 'trigger');
    plan(l);
  }

  async function poll(l: Live): Promise<void> {
    if (l.polling || l.spec.kind === 'claim') return;
    l.polling = true;
    l.lastPollWall = o.wallNow();
    const taskId = l.spec.taskId;
    try {
      const task = await o.refreshTask(taskId);
      if (task.id.toLowerCase() !== taskId.toLowerCase()) throw new Error('the read returned another task');
      l.polling = false;
      l.readWall = o.wallNow();
      if (l.state.status !== 'armed') return;
      if (l.spec.kind === 'ladder') {
        l.task = task;
        await ladderStep(ctx, l, { task, fetchedAt: o.wallNow() });
        return;
      }
      absorb(l, task);
    } catch (e) {
      l.polling = false;
      // A failed poll is not a fire: note it and read again next time (a fire re-reads on its own).
      l.note = `read of ${shortId(taskId)} failed: ${msg(e)}`;
      emit('note', l, l.note);
      plan(l);
    }
  }

  function pump(l: Live): void {
    if (l.spec.kind !== 'claim' || l.state.status !== 'armed') return;
    const next = l.queue.shift();
    if (next === undefined) return;
    void fireClaim(ctx, l, next).finally(() => {
      plan(l);
      pump(l);
    });
  }

  const ctx: FireCtx = { o, journal, move, suspend, expire, plan, emit };

  async function arm(spec: ArmedSpec, approval: Approval, opts: { task?: Task } = {}): Promise<ArmResult> {
    const fail = (errors: Record<string, string>): ArmResult => ({ ok: false, errors });
    if (stopped) return fail({ engine: 'the engine is stopped' });
    if (spec.wallet.toLowerCase() !== o.wallet.toLowerCase()) return fail({ wallet: `this desk acts as ${o.wallet}, the order is for ${spec.wallet}` });
    if (orders.has(spec.id) || journal.records().some((r) => r.actionId === spec.id)) return fail({ id: `order ${spec.id} already exists` });
    const phrase = armingPhrase(spec);
    if (approval.confirmation !== 'typed' || approval.phrase.trim() !== phrase) return fail({ approval: `type ${phrase} to arm` });
    if (spec.kind !== 'claim') {
      const taskId = spec.taskId.toLowerCase();
      const twin = [...orders.values()].find((x) => x.spec.kind !== 'claim' && x.spec.kind === spec.kind && !isTerminal(x.state) && x.spec.taskId.toLowerCase() === taskId);
      if (twin) return fail({ task: `order ${shortId(twin.spec.id)} is already armed on this task: disarm it first` });
    }
    let task: Task | null = opts.task ?? null;
    let readAt = 0;
    if (spec.kind !== 'claim' && task === null) {
      try {
        task = await o.refreshTask(spec.taskId);
        readAt = o.wallNow();
      } catch (e) {
        return fail({ task: `the task could not be read: ${msg(e)}` });
      }
    }
    const check = checkSpec(spec, task, o.now());
    if (!check.ok) return fail(check.errors);
    const fee = spec.kind === 'claim' ? actionCost('claim') : actionCost(actionOfKind(spec.kind) as 'bid' | 'auction_accept', { mode: 'auction' });
    const rec = armedRecord(spec, { network: o.network, apiUrl: o.apiUrl }, { fee, maxSpend: fee * BigInt(fireLimit(spec)) }, approval, new Date(o.wallNow()));
    try {
      journal.append(rec);
    } catch (e) {
      return fail({ journal: msg(e) });
    }
    const l = newLive(spec, rec, o.wallNow());
    l.task = task;
    l.crossing = check.timing;
    // A read made here counts as the first poll; the ticket's older read does not.
    l.lastPollWall = spec.kind === 'ladder' ? 0 : readAt;
    if (spec.kind !== 'ladder') l.readWall = readAt;
    orders.set(spec.id, l);
    emit('armed', l, `armed ${spec.kind.replace('_', '-')}${spec.kind === 'claim' ? '' : ` on ${shortId(spec.taskId)}`}`);
    plan(l);
    return { ok: true, order: viewOf(l) };
  }

  function disarm(id: string): boolean {
    const l = orders.get(id);
    if (!l || !move(l, { type: 'disarm' })) return false;
    l.queue = [];
    record(l, () => orderStep(l.armed, 'disarmed', {}, new Date(o.wallNow())));
    emit('disarmed', l, 'disarmed');
    return true;
  }

  async function resume(id: string): Promise<boolean> {
    const l = orders.get(id);
    if (!l || !move(l, { type: 'resume' })) return false;
    l.note = null;
    record(l, () => orderStep(l.armed, 'resumed', {}, new Date(o.wallNow())));
    emit('resumed', l, 'resumed');
    if (l.spec.expiresAt !== null && o.now() >= l.spec.expiresAt) {
      expire(l, 'the order\'s expiry passed while it was not armed');
      return true;
    }
    // Read the task now: the crossing (or the ladder's next bid) is planned from fresh data only.
    l.crossing = null;
    l.lastPollWall = 0;
    if (l.spec.kind === 'claim') plan(l);
    else await poll(l);
    return true;
  }

  function restore(source: Parameters<ArmedEngine['restore']>[0] = journal): OrderView[] {
    // Only this engine's own orders: the same wallet on the same market and chain (a journal may hold
    // another fleet agent's, or a different backend's).
    const back = restoreOrders(source ?? journal, new Set(orders.keys())).filter(
      (l) => l.spec.wallet.toLowerCase() === o.wallet.toLowerCase() && l.armed.apiUrl === o.apiUrl && l.armed.network.chainId === o.network.chainId,
    );
    for (const l of back) {
      orders.set(l.spec.id, l);
      if (!isTerminal(l.state) && l.spec.expiresAt !== null && o.now() >= l.spec.expiresAt) expire(l, 'the order\'s expiry passed while the desk was not running');
      else if (l.state.status === 'paused') {
        emit('paused', l, 'restored paused: resume it to arm it again');
        plan(l);
      }
    }
    return back.map(viewOf);
  }

  function onNewTask(task: Task): void {
    if (stopped) return;
    for (const l of orders.values()) {
      if (l.spec.kind !== 'claim' || (l.state.status !== 'armed' && l.state.status !== 'firing')) continue;
      if (l.tried.has(task.id)) continue;
      const m = matchClaimRule(task, { filter: l.spec.filter, minReward: l.spec.minReward, wallet: l.spec.wallet, now: o.now() });
      if (!m.ok) continue;
      // The fire under way and the queued ones count against N, so tasks arriving together never overshoot it.
      const settled = l.fires.filter((f) => f.outcome !== 'sending' && countsAsFill(f.outcome)).length;
      if (settled + l.queue.length + (l.state.status === 'firing' ? 1 : 0) >= l.spec.maxFills) continue;
      l.tried.add(task.id);
      l.queue.push(task.id);
      pump(l);
    }
  }

  function onTaskUpdate(task: Task): void {
    if (stopped) return;
    for (const l of orders.values()) {
      if (l.spec.kind === 'claim' || l.spec.taskId.toLowerCase() !== task.id.toLowerCase() || l.state.status !== 'armed') continue;
      if (l.spec.kind === 'auction_accept') absorb(l, task);
      // A ladder bids only on its own fresh read: read now when the desk saw a change.
      else if (task.currentLowestBid !== l.task?.currentLowestBid || task.status !== l.task?.status) void poll(l);
    }
  }

  return {
    arm,
    disarm,
    resume,
    restore,
    onNewTask,
    onTaskUpdate,
    list,
    get: (id) => {
      const l = orders.get(id);
      return l ? viewOf(l) : null;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    stop() {
      stopped = true;
      for (const l of orders.values()) clear(l);
    },
  };
}
