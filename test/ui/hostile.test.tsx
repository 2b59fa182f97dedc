// Hostile strings (test/text/hostile-corpus.ts) from the market and from messages, rendered through
// every pane and view: nothing a terminal would act on reaches the frame.
import { afterEach, describe, expect, it } from 'vitest';
import { HOSTILE, hasTerminalControl, hugeHostile } from '../text/hostile-corpus.js';
import { KEY, makeStore, makeTask, mount, T0, type Mounted } from './harness.js';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

function assertClean(frame: string, where: string) {
  expect(hasTerminalControl(frame, true), `${where}: ${JSON.stringify(frame.slice(0, 400))}`).toBe(false);
}

describe('hostile text', () => {
  for (const c of HOSTILE) {
    it(`${c.name}: feed, clocks, detail, inbox and message view stay clean`, async () => {
      const task = makeTask({
        id: 'T00001',
        description: `${c.input}\n${c.input}`,
        tags: [c.input, 'ok'],
        mode: 'auction',
        auctionType: 'dutch',
        maxPrice: 2_000_000n,
        auctionFloorPrice: 1_000_000n,
        bidDeadline: T0 + 600_000,
        requester: c.input,
      });
      const store = makeStore([task]);
      store.getState().setMessages([
        { key: 'xmtp:1', source: 'xmtp', id: '1', from: c.input, subject: c.input, body: `${c.input}\n${c.input}`, receivedAt: T0, read: false, type: c.input },
      ]);
      store.getState().setConn({ mismatch: c.input, lastError: c.input });
      m = await mount(store, { columns: 160, rows: 50 });
      assertClean(m.frame(), 'desk');
      await m.press(KEY.enter);
      const detail = m.frame();
      assertClean(detail, 'detail');
      for (const bad of c.mustNotContain ?? []) expect(detail).not.toContain(bad);
      for (const good of c.mustContain ?? []) expect(detail).toContain(good);
      await m.press(KEY.esc, '3', KEY.enter);
      const view = m.frame();
      assertClean(view, 'message');
      for (const bad of c.mustNotContain ?? []) expect(view).not.toContain(bad);
      expect(view).toContain('UNTRUSTED');
    });
  }

  it('a 1 MB hostile description renders capped and clean', async () => {
    const store = makeStore([makeTask({ id: 'T00002', description: hugeHostile() })]);
    m = await mount(store);
    await m.press(KEY.enter, 'G');
    assertClean(m.frame(), 'huge');
    expect(m.frame()).toMatch(/lines \d+-\d+ of \d+/);
  });

  it('the CR overwrite trick cannot rewrite what the operator reads', async () => {
    const store = makeStore([makeTask({ id: 'T00003', description: 'Approve payout 1 USDC to agent-7\rApprove payout 9' })]);
    m = await mount(store);
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Approve payout 1 USDC to agent-7');
    expect(m.frame()).not.toContain('\r');
  });
});
