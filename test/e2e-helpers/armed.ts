// Armed orders from the keyboard in a real pty (issue 10): arm an auction-accept on a dutch clock through
// the `x` chooser's "arm-auction-accept" entry, read the Orders view (O), and the simulator's side — the
// exact crossing instant of a clock (the core formula over the task the market returns) and the accept
// writes at /sim/requests.
import { crossingInstant } from '../../src/core/armed/trigger.js';
import type { Task } from '../../src/core/types.js';
import type { ActSim, SimRequest } from './act-sim.js';
import type { Party } from './counterparty.js';
import type { PtySession } from './pty.js';
import type { TicketDriver } from './ticket.js';

export const WAIT = 20_000;
export const ACCEPT_ROUTE = '/api/tasks/:taskId/bids/accept';

/** A dutch clock from `req`: 5 USDC falling to 1 over an hour (≈1.1 milli-USDC a second). */
export async function dutchClock(req: Party, description = 'a dutch clock to arm'): Promise<Task> {
  const { taskId } = await req.writer.createTask({ description, reward: 5_000_000n, durationHours: 24, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: 1_000_000n, bidDeadlineHours: 1, tags: [] });
  const task = await req.reader.getTask(taskId);
  if (!task) throw new Error(`the sim does not return ${taskId}`);
  return task;
}

/** Market ms from the task's creation until its clock is at or below `trigger`. */
export function msToCrossing(task: Task, trigger: bigint): number {
  const at = crossingInstant(task, trigger);
  if (at === null) throw new Error('the clock never reaches the trigger');
  return at - task.createdAt;
}

/** x on the open task → "arm-auction-accept" → trigger P (guard left to its default) → type P → armed. */
export async function armAccept(t: TicketDriver, taskId: string, trigger: string): Promise<string> {
  await t.goto(taskId);
  const p = t.p;
  const deadline = Date.now() + WAIT;
  for (;;) {
    p.write('x');
    const opened = await p.waitFor('Ticket:', 3_000).then(() => true, () => false);
    if (opened && t.title() === 'Act on the task') break;
    if (opened) p.write('\x1b');
    if (Date.now() > deadline) throw new Error(`x opened no chooser\n${p.screen()}`);
    await new Promise((r) => setTimeout(r, 400));
  }
  await t.choose('arm_auction_accept');
  await p.waitFor((s) => s.includes('Ticket: Arm an auction-accept'), WAIT);
  await t.network();
  await t.fill('trigger price P', trigger);
  const out = await t.confirm();
  if (!out.ok || out.title !== 'armed') throw new Error(`not armed: ${out.title}\n${out.text}`);
  return out.text;
}

/** The Orders view's text (O, then Esc back). */
export async function ordersScreen(p: PtySession, until: (s: string) => boolean = () => true, timeoutMs = WAIT): Promise<string> {
  p.write('O');
  const s = await p.waitFor((x) => x.includes('Armed orders (') && until(x), timeoutMs);
  return s;
}

/** The accept writes the market saw on this task. */
export async function acceptWrites(sim: ActSim, taskId: string): Promise<SimRequest[]> {
  return (await sim.requests()).filter((r) => r.route === ACCEPT_ROUTE && r.path.includes(taskId));
}

/** Poll /sim/requests until `n` accept writes on the task are in (or throw). */
export async function waitAccepts(sim: ActSim, taskId: string, n = 1, timeoutMs = 30_000): Promise<SimRequest[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const w = await acceptWrites(sim, taskId);
    if (w.length >= n) return w;
    if (Date.now() > until) throw new Error(`only ${w.length} accept writes on ${taskId} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
