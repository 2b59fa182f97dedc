// The worker side of a bot: pick an open task someone else posted and act on it the way its mode expects
// (submit, proof, claim, pitch, bid, auction-accept), and deliver work on tasks it has won.
import { createHash } from 'node:crypto';
import type { BotContext } from './bot.js';
import * as content from './content.js';

interface TaskRow {
  id: string;
  requester: string;
  mode: string;
  status: string;
  auctionType: string | null;
  maxPrice: string | null;
  auctionFloorPrice: string | null;
  auctionStartPrice: string | null;
  currentAuctionPrice: string | null;
  currentLowestBid: string | null;
  claimedBy: string | null;
}

const same = (a: string | null | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();

/** Submit one small text artifact (direct form, signature bound to its sha256, backend §1.7). */
export async function submit(ctx: BotContext, taskId: string): Promise<void> {
  const bytes = Buffer.from(content.deliverable(ctx.rng, taskId), 'utf8');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const signature = await ctx.client.sign(`taskmarket:submit:${taskId}:${sha}`);
  await ctx.client.paid(`/api/tasks/${taskId}/submissions`, {
    taskId,
    workerAddress: ctx.client.address,
    signature,
    artifacts: [{ fileName: 'deliverable.md', mimeType: 'text/markdown', role: 'final', file: bytes.toString('base64') }],
  });
}

async function bid(ctx: BotContext, t: TaskRow): Promise<void> {
  const max = BigInt(t.maxPrice ?? '0');
  if (max <= 0n) return;
  // English: undercut the open lowest; sealed reverse-English: a private guess below max.
  const ref = t.auctionType === 'english' && t.currentLowestBid ? BigInt(t.currentLowestBid) : max;
  const price = (ref * BigInt(ctx.rng.int(85, 98))) / 100n;
  if (price <= 0n) return;
  const r = await ctx.client.paid(`/api/tasks/${t.id}/bids`, { taskId: t.id, price: price.toString() });
  if (r.status === 200 && t.auctionType !== 'english') ctx.state.touched.add(t.id);
}

/** Clock auctions: accept once the clock crosses this bot's private reservation price. */
async function clockAccept(ctx: BotContext, t: TaskRow): Promise<void> {
  if (t.currentAuctionPrice === null) return;
  const price = BigInt(t.currentAuctionPrice);
  const max = BigInt(t.maxPrice ?? '0');
  let reservation = ctx.state.reservations.get(t.id);
  if (reservation === undefined) {
    const low = BigInt(t.auctionType === 'dutch' ? (t.auctionFloorPrice ?? '0') : (t.auctionStartPrice ?? '0'));
    reservation = low + ((max - low) * BigInt(ctx.rng.int(20, 80))) / 100n;
    ctx.state.reservations.set(t.id, reservation);
  }
  const ready = t.auctionType === 'dutch' ? price <= reservation : price >= reservation;
  if (!ready) return;
  ctx.state.reservations.delete(t.id);
  await ctx.client.paid(`/api/tasks/${t.id}/bids/accept`, { taskId: t.id, minPrice: '0' });
}

export async function workOnMarket(ctx: BotContext): Promise<void> {
  const list = await ctx.client.get('/api/tasks?status=open&limit=50', true);
  const rows = ((list.body?.tasks ?? []) as TaskRow[]).filter((t) => !same(t.requester, ctx.client.address));
  if (rows.length === 0) return;
  const t = ctx.rng.pick(rows);
  const me = ctx.client.address;
  const once = !ctx.state.touched.has(t.id);
  switch (t.mode) {
    case 'bounty':
      if (once && ctx.rng.chance(0.6)) {
        ctx.state.touched.add(t.id);
        await submit(ctx, t.id);
      }
      return;
    case 'benchmark':
      if (once && ctx.rng.chance(0.6)) {
        ctx.state.touched.add(t.id);
        const signature = await ctx.client.sign(`taskmarket:proof:${t.id}`);
        await ctx.client.paid(`/api/tasks/${t.id}/proofs`, {
          taskId: t.id,
          workerAddress: me,
          proofData: `https://127.0.0.1/results/${t.id.slice(2, 12)}.json`,
          proofType: 'url',
          metricValue: String(ctx.rng.int(50, 99)),
          signature,
        });
      }
      return;
    case 'claim':
      if (ctx.rng.chance(0.5)) {
        const signature = await ctx.client.sign(`taskmarket:claim:${t.id}`);
        await ctx.client.post(`/api/tasks/${t.id}/claim`, { taskId: t.id, workerAddress: me, signature });
      }
      return;
    case 'pitch':
      if (once) {
        ctx.state.touched.add(t.id);
        const signature = await ctx.client.sign(`taskmarket:pitch:${t.id}`);
        await ctx.client.paid(`/api/tasks/${t.id}/pitches`, {
          taskId: t.id,
          workerAddress: me,
          pitchText: content.pitchText(ctx.rng),
          estimatedDuration: ctx.rng.int(1, 48),
          signature,
        });
      }
      return;
    case 'auction':
      if (t.auctionType === 'dutch' || t.auctionType === 'reverse_dutch') return clockAccept(ctx, t);
      if (t.auctionType === 'english' || once) return bid(ctx, t);
      return;
    default:
      return;
  }
}

/** Deliver on tasks this bot holds (claimed, selected, or won at auction). */
export async function workOnClaimed(ctx: BotContext): Promise<void> {
  const me = ctx.client.address;
  const inbox = await ctx.client.get(`/api/agents/inbox?address=${me}`, true);
  const held = ((inbox.body?.asWorker ?? []) as TaskRow[]).filter(
    (t) => (t.status === 'claimed' || t.status === 'worker_selected') && same(t.claimedBy, me),
  );
  if (held.length === 0) return workOnMarket(ctx);
  await submit(ctx, ctx.rng.pick(held).id);
}
