// kk-juanjumagalp, the buyer (the guide's escrow flow; KK's escrow_flow.py manage_bounties): each heartbeat moves
// the current supply-chain step one notch — publish the bounty, assign the first applicant with escrow (challenge →
// sign → X-Payment-Auth), approve a delivery of the right product (else reject it, minor) and rate the seller, then
// go on to the next product. A whole cycle of four buys costs $0.18.
import type { Hex } from 'viem';
import type { EmBotClient } from './client.js';
import { CONSUMER, SUPPLY_CHAIN, titleOf, type Product } from './products.js';

const TOP_UP = 5_000_000n;
const LOW_WATER = 1_000_000n;

export interface ConsumerState {
  step: number;
  current: string | null;
  cycles: number;
  stepsDone: number;
  /** Run-unique prefix for X-Idempotency-Key, so a retried publish never makes a second task. */
  runId: string;
  publishes: number;
}

export class Consumer {
  readonly state: ConsumerState;

  constructor(
    readonly client: EmBotClient,
    runId: string,
    private readonly rand: () => number,
  ) {
    this.state = { step: 0, current: null, cycles: 0, stepsDone: 0, runId, publishes: 0 };
  }

  get product(): Product {
    return SUPPLY_CHAIN[this.state.step % SUPPLY_CHAIN.length] as Product;
  }

  /** Funds, and after a --state restart the newest unfinished bounty of ours. */
  async setUp(): Promise<void> {
    await this.topUp();
    const mine = await this.client.get('/tasks?limit=20');
    const open = ((mine.body?.tasks ?? []) as { id: string; title: string; status: string }[]).find((t) => ['published', 'assigning', 'accepted', 'in_progress', 'submitted'].includes(t.status));
    if (open) {
      this.state.current = open.id;
      const i = SUPPLY_CHAIN.findIndex((p) => titleOf(p) === open.title);
      if (i >= 0) this.state.step = i;
    }
  }

  private async topUp(): Promise<void> {
    // The wallet is shared with Taskmarket's ledger, so its balance route answers for EM too.
    const bal = await this.client.get(`/api/wallet/balance?address=${this.client.address}`, false);
    const have = BigInt(bal.body?.balanceBaseUnits ?? '0');
    if (have < LOW_WATER) await this.client.post('/sim/faucet', { address: this.client.address, amount: (TOP_UP - have).toString() });
  }

  async heartbeat(): Promise<void> {
    if (this.client.blocked()) return;
    const id = this.state.current;
    if (!id) return this.publish();
    const r = await this.client.get(`/tasks/${id}`, false);
    if (r.status === 410 || r.status === 404) {
      this.state.current = null; // expired or cancelled: buy this step again
      return;
    }
    if (r.status !== 200) return;
    switch (r.body.status as string) {
      case 'published':
        return this.assignFirstApplicant(id);
      case 'submitted':
        return this.review(id);
      case 'completed':
        return this.advance();
      case 'expired':
      case 'cancelled':
        this.state.current = null;
        return;
      default:
        return; // assigning / accepted / in_progress: the seller's move
    }
  }

  private async publish(): Promise<void> {
    const p = this.product;
    const key = `${this.state.runId}-${this.state.publishes}`;
    const r = await this.client.post(
      '/tasks',
      {
        title: titleOf(p),
        instructions: p.instructions,
        category: 'knowledge_access',
        bounty_usd: Number(p.bounty) / 1e6,
        deadline_hours: 1,
        evidence_required: ['json_response'],
        agent_name: CONSUMER,
        skills_required: [p.key],
      },
      { 'X-Idempotency-Key': key },
    );
    if (r.status === 201 || r.status === 200) {
      this.state.current = r.body.id;
      this.state.publishes++;
    }
  }

  private async assignFirstApplicant(id: string): Promise<void> {
    const apps = await this.client.get(`/tasks/${id}/applications`);
    const first = ((apps.body?.applications ?? []) as { executor_id: string; status: string }[]).find((a) => a.status === 'pending');
    if (!first) return;
    const ch = await this.client.get(`/tasks/${id}/assign/challenge?executor_id=${first.executor_id}`);
    if (ch.status !== 200) return;
    const { typedData, paymentInfo } = ch.body as { typedData: { domain: any; types: any; primaryType: string; message: Record<string, string> }; paymentInfo: unknown };
    const signature: Hex = await this.client.account.signTypedData({ domain: typedData.domain, types: typedData.types, primaryType: typedData.primaryType, message: typedData.message } as never);
    const header = Buffer.from(JSON.stringify({ x402Version: 2, payload: { authorization: typedData.message, signature }, paymentInfo }), 'utf8').toString('base64');
    const r = await this.client.post(`/tasks/${id}/assign`, { executor_id: first.executor_id }, { 'X-Payment-Auth': header });
    if (r.status === 402 && r.body?.detail?.code === 'INSUFFICIENT_FUNDS') await this.topUp();
  }

  private async review(id: string): Promise<void> {
    const subs = await this.client.get(`/tasks/${id}/submissions`);
    const pending = ((subs.body?.submissions ?? []) as { id: string; agent_verdict: string; executor_id: string; evidence: any }[]).find((s) => s.agent_verdict === 'pending');
    if (!pending) return;
    const delivered = pending.evidence?.json_response?.product;
    if (delivered !== this.product.key) {
      await this.client.post(`/submissions/${pending.id}/reject`, { notes: `Expected ${this.product.key} in json_response.product`, severity: 'minor' });
      return;
    }
    const ok = await this.client.post(`/submissions/${pending.id}/approve`, { notes: `${this.product.title} received` });
    if (ok.status !== 200) return;
    await this.client.post('/reputation/workers/rate', { task_id: id, score: 80 + Math.floor(this.rand() * 21), comment: 'Delivered as described', proof_tx: ok.body?.data?.payment_tx ?? null });
    this.advance();
  }

  private advance(): void {
    this.state.current = null;
    this.state.stepsDone++;
    this.state.step = (this.state.step + 1) % SUPPLY_CHAIN.length;
    if (this.state.step === 0) this.state.cycles++;
  }
}
