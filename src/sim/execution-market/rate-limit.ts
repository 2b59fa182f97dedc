// Sliding 60 s windows (execution-market-api.md §2, §13.6), wall clock, in memory. The simulator keys the main
// limit by the verified signing wallet: every local client shares 127.0.0.1, so a per-IP cap would make them
// throttle each other. Unsigned requests are not limited, except the nonce endpoint (5/min for the IP, §1a).
import type { SimReply } from '../router.js';
import { fail } from './errors.js';

const WINDOW_MS = 60_000;

export interface LimitVerdict {
  allowed: boolean;
  remaining: number;
  /** Seconds until a slot frees (≥ 1 when refused). */
  retryAfter: number;
  /** Epoch seconds when a slot frees. */
  resetAt: number;
}

export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number,
  ) {}

  hit(key: string): LimitVerdict {
    const t = this.now();
    let list = this.hits.get(key);
    if (!list) {
      list = [];
      this.hits.set(key, list);
      if (this.hits.size > 10_000) this.gc(t);
    }
    while (list.length > 0 && (list[0] as number) <= t - WINDOW_MS) list.shift();
    if (list.length >= this.limit) {
      const freeAt = (list[0] as number) + WINDOW_MS;
      return { allowed: false, remaining: 0, retryAfter: Math.max(1, Math.ceil((freeAt - t) / 1000)), resetAt: Math.ceil(freeAt / 1000) };
    }
    list.push(t);
    return { allowed: true, remaining: this.limit - list.length, retryAfter: 0, resetAt: Math.ceil(((list[0] as number) + WINDOW_MS) / 1000) };
  }

  private gc(t: number): void {
    for (const [k, list] of this.hits) if (list.length === 0 || (list[list.length - 1] as number) <= t - WINDOW_MS) this.hits.delete(k);
  }
}

/** 429 with Retry-After, X-RateLimit-Reset and X-RateLimit-Type (§2); body in the detail envelope (§13.6). */
export function tooMany(v: LimitVerdict, type: 'agent' | 'nonce', limit: number): SimReply {
  return {
    ...fail(429, 'rate_limit_exceeded', `Too many requests. Limit type: ${type}`, { retry_after: v.retryAfter, limit_per_minute: limit }, true),
    headers: {
      'Retry-After': String(v.retryAfter),
      'X-RateLimit-Reset': String(v.resetAt),
      'X-RateLimit-Type': type,
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': '0',
    },
  };
}
