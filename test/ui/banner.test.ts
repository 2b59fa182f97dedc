// The header's banner line: one line, so its order decides what the operator reads first.
import { describe, expect, it } from 'vitest';
import { bannerText } from '../../src/ui/components/header.js';
import type { Connection } from '../../src/store/state.js';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const conn = (p: Partial<Connection> = {}): Connection => ({
  badge: 'LIVE', readonly: false, market: 'taskmarket', apiUrl: 'http://127.0.0.1:4010', network: null, mismatch: null, wallet: null,
  balance: null, status: 'ok', degraded: false, lastOkAt: NOW - 1000, lastError: null, retryAt: null, ...p,
});

describe('bannerText', () => {
  it('a mismatch comes first, then the EM mismatch', () => {
    expect(bannerText(conn({ mismatch: 'chain 8453' }), NOW, 'no wallet', 'chain 1')).toMatch(/^MISMATCH: chain 8453/);
    expect(bannerText(conn(), NOW, 'no wallet', 'chain 1')).toMatch(/^EM MISMATCH: chain 1/);
  });
  it('a market fault while STALE outranks the standing reason the desk cannot act', () => {
    const stale = conn({ status: 'stale', degraded: true, lastError: 'GET /api/tasks returned an unexpected shape at tasks' });
    expect(bannerText(stale, NOW, 'no wallet: run taskmarket init')).toBe('last error: GET /api/tasks returned an unexpected shape at tasks');
  });
  it('says why the desk cannot act while the market is OK', () => {
    expect(bannerText(conn({ lastError: 'old' }), NOW, 'no wallet: run taskmarket init')).toBe('cannot act: no wallet: run taskmarket init');
    expect(bannerText(conn(), NOW)).toBeNull();
  });
});
