// A KK seller (kk-karma-hello, kk-skill-extractor, kk-voice-extractor, kk-soul-extractor; KK's escrow_flow.py
// discover_bounties / apply_to_bounty / fulfill_assigned): browse for "[KK Request]" bounties of its product, apply
// (409 already_applied counts as applied), deliver `{"json_response": {...}}` once assigned, resubmit when asked,
// and rate the buyer when the task completes.
import type { EmBotClient } from './client.js';
import { REQUEST_PREFIX, type Product } from './products.js';

const VISITS_PER_HEARTBEAT = 4;

export interface SellerState {
  executorId: string | null;
  /** Tasks applied to and still worth watching. */
  watching: Set<string>;
  delivered: number;
  rated: number;
}

export class Seller {
  readonly state: SellerState = { executorId: null, watching: new Set(), delivered: 0, rated: 0 };

  constructor(
    readonly name: string,
    readonly product: Product,
    readonly client: EmBotClient,
    private readonly rand: () => number,
  ) {}

  async setUp(): Promise<void> {
    const r = await this.client.post('/workers/register', { wallet_address: this.client.account.address, name: this.name });
    if (r.status === 200) this.state.executorId = r.body.data.executor_id;
  }

  async heartbeat(): Promise<void> {
    if (this.client.blocked()) return;
    if (!this.state.executorId) return this.setUp();
    await this.discover();
    const ids = [...this.state.watching].slice(0, VISITS_PER_HEARTBEAT);
    for (const id of ids) {
      if (this.client.blocked()) return;
      await this.visit(id);
    }
  }

  private async discover(): Promise<void> {
    const r = await this.client.get(`/tasks/available?limit=50&skills=${encodeURIComponent(this.product.key)}&exclude_executor=${this.state.executorId}`, false);
    const rows = (r.body?.tasks ?? []) as { id: string; title: string }[];
    for (const t of rows) {
      if (!t.title.startsWith(REQUEST_PREFIX) || this.state.watching.has(t.id)) continue;
      const a = await this.client.post(`/tasks/${t.id}/apply`, { executor_id: this.state.executorId, message: `${this.name} has fresh ${this.product.key}` });
      if (a.status === 200 || (a.status === 409 && a.body?.detail?.code === 'already_applied')) this.state.watching.add(t.id);
    }
  }

  private async visit(id: string): Promise<void> {
    const r = await this.client.get(`/tasks/${id}`);
    if (r.status !== 200) {
      if (r.status === 404 || r.status === 410) this.state.watching.delete(id);
      return;
    }
    const t = r.body as { status: string; executor_id: string | null };
    const mine = t.executor_id === this.state.executorId;
    if (mine && (t.status === 'accepted' || t.status === 'in_progress')) return this.deliver(id, t.status === 'in_progress');
    if (mine && t.status === 'completed') {
      const rate = await this.client.post('/reputation/agents/rate', { task_id: id, score: 70 + Math.floor(this.rand() * 31), comment: 'Paid promptly' });
      if (rate.status === 200) this.state.rated++;
      this.state.watching.delete(id);
      return;
    }
    if (t.status === 'published' || t.status === 'assigning' || (mine && t.status === 'submitted')) return; // still in play
    this.state.watching.delete(id); // given to someone else, cancelled or expired
  }

  private async deliver(id: string, again: boolean): Promise<void> {
    const evidence = {
      json_response: {
        product: this.product.key,
        url: `s3://kk-data/${this.product.key}/${id}.json`,
        records: 100 + Math.floor(this.rand() * 900),
        format: 'json',
        seller: this.name,
      },
    };
    const r = await this.client.post(`/tasks/${id}/submit`, { executor_id: this.state.executorId, evidence, notes: again ? 'Revised delivery' : `${this.product.title} attached` });
    if (r.status === 200) this.state.delivered++;
  }
}
