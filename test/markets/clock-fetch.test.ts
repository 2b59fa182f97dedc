import { describe, expect, it } from 'vitest';
import { clockSampleOf, clockSamplingFetch } from '../../src/markets/clock-fetch.js';

describe('clock sampling fetch', () => {
  it('prefers the simulator time and rate over the Date header', () => {
    const h = new Headers({ date: 'Tue, 01 Dec 2026 09:00:00 GMT', 'x-sim-time': '1796115600123', 'x-sim-time-scale': '20' });
    expect(clockSampleOf(h, 10, 20)).toEqual({ sentAt: 10, receivedAt: 20, marketTime: 1796115600123, precise: true, scale: 20 });
  });

  it('falls back to the Date header (whole seconds)', () => {
    const h = new Headers({ date: 'Tue, 01 Dec 2026 09:00:00 GMT' });
    expect(clockSampleOf(h, 10, 20)).toEqual({ sentAt: 10, receivedAt: 20, marketTime: Date.parse('2026-12-01T09:00:00Z'), precise: false });
  });

  it('ignores headers that do not parse', () => {
    expect(clockSampleOf(new Headers({ date: 'yesterday', 'x-sim-time': 'soon' }), 0, 1)).toBeNull();
  });

  it('reports every response and passes it through unchanged', async () => {
    const seen: unknown[] = [];
    const res = new Response('{"ok":1}', { headers: { date: 'Tue, 01 Dec 2026 09:00:00 GMT' } });
    let t = 100;
    const f = clockSamplingFetch(async () => res, (s) => seen.push(s), () => (t += 5));
    expect(await f('http://127.0.0.1:1/x')).toBe(res);
    expect(seen).toEqual([{ sentAt: 105, receivedAt: 110, marketTime: Date.parse('2026-12-01T09:00:00Z'), precise: false }]);
  });
});
