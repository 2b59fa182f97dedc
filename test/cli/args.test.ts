import { describe, expect, it } from 'vitest';
import { HELP, parseArgs, UsageError } from '../../src/app/args.js';

describe('parseArgs', () => {
  it('defaults to the simulator with 4 bots', () => {
    const a = parseArgs([], { env: {} });
    expect(a).toMatchObject({ api: null, bots: 4, readonly: false, xmtp: true, json: false });
  });

  it('reads --api, = forms and TASKMARKET_API_URL', () => {
    expect(parseArgs(['--api', 'http://127.0.0.1:4010/'], { env: {} }).api).toBe('http://127.0.0.1:4010');
    expect(parseArgs(['--api=https://api.example'], { env: {} }).api).toBe('https://api.example');
    expect(parseArgs([], { env: { TASKMARKET_API_URL: 'http://127.0.0.1:9' } }).api).toBe('http://127.0.0.1:9');
    expect(parseArgs(['--readonly', '--bots', '0', '--no-xmtp', '--ascii'], { env: {} })).toMatchObject({
      readonly: true,
      bots: 0,
      xmtp: false,
      ascii: true,
    });
  });

  it('rejects unknown flags, missing values and bad URLs with a clear message', () => {
    expect(() => parseArgs(['--bogus'], { env: {} })).toThrow(/unknown option "--bogus"/);
    expect(() => parseArgs(['stray'], { env: {} })).toThrow(/unknown command "stray"/);
    expect(() => parseArgs(['--api'], { env: {} })).toThrow(/--api needs a value/);
    expect(() => parseArgs(['--api', 'ftp://x'], { env: {} })).toThrow(/http\(s\)/);
    expect(() => parseArgs(['--api', 'http://u:p@127.0.0.1'], { env: {} })).toThrow(/credentials/);
    expect(() => parseArgs(['--bots', '-1'], { env: {} })).toThrow(UsageError);
    expect(() => parseArgs(['--readonly=yes'], { env: {} })).toThrow(/takes no value/);
  });

  it('keeps watch-only flags to watch', () => {
    expect(() => parseArgs(['--json'], { env: {} })).toThrow(/watch/);
    expect(parseArgs(['--json', '--task-interval', '500'], { watch: true, env: {} })).toMatchObject({ json: true, taskIntervalMs: 500 });
    expect(() => parseArgs(['--task-interval', '10'], { watch: true, env: {} })).toThrow(/milliseconds/);
  });

  it('the help names every flag the parser takes', () => {
    for (const flag of ['--api', '--keystore', '--readonly', '--bots', '--xmtp-file', '--no-xmtp', '--theme', '--ascii', '--json', '--task-interval', '--auction-poll-interval', '--help', '--version']) {
      expect(HELP).toContain(flag);
    }
    for (const sub of ['taskdesk watch --json', 'taskdesk sim']) expect(HELP).toContain(sub);
  });
});
