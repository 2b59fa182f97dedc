// XMTP NDJSON sources: daemon, `xmtp listen` and bare envelope lines are accepted; bad lines are
// counted and skipped; an oversized line is dropped whole; nothing is fatal.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createDeskStore } from '../../src/store/desk-store.js';
import { readEnvelopes, startXmtpFile, storeSink } from '../../src/store/xmtp-source.js';

const env = (over: Record<string, unknown> = {}) => ({
  schemaVersion: 1,
  type: 'task.query',
  requestId: '8a1f4a43-5a4e-4bb4-9d8f-3f8a2b7c1d01',
  senderInboxId: 'peer-inbox',
  senderAddress: '0x3333333333333333333333333333333333333333',
  sentAt: '2026-01-01T12:00:00.000Z',
  payload: { q: 'status?' },
  ...over,
});

describe('xmtp source', () => {
  it('parses the three line shapes, dedupes, and counts bad lines', async () => {
    const store = createDeskStore({ badge: 'SIM', apiUrl: 'x' });
    const dir = mkdtempSync(join(tmpdir(), 'td-xmtp-'));
    const file = join(dir, 'in.ndjson');
    writeFileSync(
      file,
      [
        JSON.stringify({ ok: true, data: { event: 'xmtp.envelope', ...env() } }),
        JSON.stringify({ ok: true, data: env({ requestId: 'r2', type: 'hello' }) }),
        JSON.stringify(env({ requestId: 'r3' })),
        JSON.stringify({ ok: true, data: { event: 'xmtp.envelope', ...env() } }), // duplicate
        '{not json',
        JSON.stringify({ ok: true, data: { event: 'xmtp.heartbeat', installationId: 'x' } }),
        JSON.stringify({ type: 'missing fields' }),
        '',
      ].join('\n') + '\n' + JSON.stringify(env({ requestId: 'r4' })), // last line without newline
    );
    const src = startXmtpFile(file, storeSink(store));
    await src.done;
    const s = store.getState();
    expect(s.messages.map((m) => m.id).sort()).toEqual(['8a1f4a43-5a4e-4bb4-9d8f-3f8a2b7c1d01', 'r2', 'r3', 'r4']);
    expect(s.badLines).toBe(3);
    const m = s.messages.find((x) => x.id === 'r2')!;
    expect(m).toMatchObject({ source: 'xmtp', subject: 'hello', from: '0x3333333333333333333333333333333333333333', read: false });
    expect(m.receivedAt).toBe(Date.parse('2026-01-01T12:00:00.000Z'));
  });

  it('drops an oversized line whole and keeps reading', async () => {
    const store = createDeskStore({ badge: 'SIM', apiUrl: 'x' });
    const stream = new PassThrough();
    const done = readEnvelopes(stream, storeSink(store));
    stream.write('{"ok":true,"data":"' + 'x'.repeat(600_000));
    stream.write('x'.repeat(600_000) + '"}\n');
    stream.end(JSON.stringify(env({ requestId: 'after' })) + '\n');
    await done;
    expect(store.getState().badLines).toBe(1);
    expect(store.getState().messages.map((m) => m.id)).toEqual(['after']);
  });
});
