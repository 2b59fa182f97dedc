// A fetch that reports what each response says about the market's clock (core/market-clock.ts):
// the Date header every HTTP server sends, and the simulator's own millisecond time and rate
// (X-Sim-Time, X-Sim-Time-Scale). It changes nothing about the request or the response.
import type { ClockSample } from '../core/market-clock.js';

export const SIM_TIME_HEADER = 'x-sim-time';
export const SIM_SCALE_HEADER = 'x-sim-time-scale';

/** The clock sample a response carries, or null when it carries none that parses. */
export function clockSampleOf(headers: Headers, sentAt: number, receivedAt: number): ClockSample | null {
  const simTime = Number(headers.get(SIM_TIME_HEADER) ?? NaN);
  if (Number.isFinite(simTime) && simTime > 0) {
    const scale = Number(headers.get(SIM_SCALE_HEADER) ?? 1);
    return { sentAt, receivedAt, marketTime: simTime, precise: true, ...(Number.isFinite(scale) && scale >= 0 ? { scale } : {}) };
  }
  const date = headers.get('date');
  const at = date ? Date.parse(date) : NaN;
  return Number.isFinite(at) ? { sentAt, receivedAt, marketTime: at, precise: false } : null;
}

export function clockSamplingFetch(base: typeof fetch, onSample: (s: ClockSample) => void, now: () => number = Date.now): typeof fetch {
  return async (input, init) => {
    const sentAt = now();
    const res = await base(input, init);
    const sample = clockSampleOf(res.headers, sentAt, now());
    if (sample) onSample(sample);
    return res;
  };
}
