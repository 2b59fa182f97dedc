// The CLI's output envelope (cli §0.5): exit code + stdout + stderr → success or a failure with a clear message.
import { describe, expect, it } from 'vitest';
import { contractErrorOf, parseCliOutput } from '../../src/exec/cli-envelope.js';

describe('parseCliOutput', () => {
  it('success: one {"ok":true,"data"} line on stdout with exit 0', () => {
    expect(parseCliOutput(0, '{"ok":true,"data":{"claimId":"c1"},"idempotencyKey":"k"}\n', '')).toEqual({ ok: true, data: { claimId: 'c1' }, idempotencyKey: 'k' });
    expect(parseCliOutput(0, '{"ok":true,"data":null}\n', '{"ok":false,"error":"a warning"}\n')).toEqual({ ok: true, data: null, idempotencyKey: null });
  });

  it('exit 0 with anything else is a failure, never success', () => {
    expect(parseCliOutput(0, '', '')).toMatchObject({ ok: false, error: /without printing a result/ });
    expect(parseCliOutput(0, 'hello\n', '')).toMatchObject({ ok: false, error: /not JSON/ });
    expect(parseCliOutput(0, '{"ok":true}\n', '')).toMatchObject({ ok: false, error: /not a \{"ok":true/ });
    expect(parseCliOutput(0, '{"ok":"yes","data":1}\n', '')).toMatchObject({ ok: false });
    expect(parseCliOutput(0, '[1]\n', '')).toMatchObject({ ok: false });
    expect(parseCliOutput(0, '{"ok":true,"data":1}\n{"ok":true,"data":2}\n', '')).toMatchObject({ ok: false, error: /2 lines/ });
    expect(parseCliOutput(0, '{"ok":false,"error":"x"}\n', '')).toMatchObject({ ok: false });
  });

  it('failure: the last ok:false line on stderr, with status and the contract error name', () => {
    const line = JSON.stringify({
      ok: false,
      error: 'POST /api/tasks/0x1/forfeit failed (400): {"message":"Contract call rejected: TaskNotYetExpired","code":"BAD_REQUEST"}',
      status: 400,
      idempotencyKey: 'k1',
    });
    const r = parseCliOutput(1, '', `{"ok":false,"error":"warning first"}\n${line}\n`);
    expect(r).toMatchObject({ ok: false, contractError: 'TaskNotYetExpired', status: 400, idempotencyKey: 'k1' });
    expect(r.ok === false && r.error).toMatch(/^POST \/api\/tasks/);
    expect(parseCliOutput(1, '', '{"ok":false,"error":"busy","reason":"intent_in_flight","pending":true}')).toMatchObject({ reason: 'intent_in_flight', pending: true, contractError: null });
  });

  it('commander usage errors and silence are failures with a message', () => {
    expect(parseCliOutput(1, '', "error: unknown command 'bogus'\n")).toMatchObject({ ok: false, error: "error: unknown command 'bogus'" });
    expect(parseCliOutput(7, '', '')).toMatchObject({ ok: false, error: /code 7/ });
    expect(parseCliOutput(1, '{"ok":true,"data":1}\n', '')).toMatchObject({ ok: false, error: /printed a result but exited/ });
    expect(parseCliOutput(1, '', '{"ok":false}\n')).toMatchObject({ ok: false, error: /code 1/ });
  });

  it('caps a huge error and reads contract errors only in their own wording', () => {
    const r = parseCliOutput(1, '', JSON.stringify({ ok: false, error: 'x'.repeat(10_000) }));
    expect(r.ok === false && r.error.length).toBeLessThan(4100);
    expect(contractErrorOf('Contract call rejected: TaskIsExpired')).toBe('TaskIsExpired');
    expect(contractErrorOf('contract rejected something')).toBeNull();
  });
});
