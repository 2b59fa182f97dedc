import { describe, expect, it } from 'vitest';
import { HELP, parseArgs, UsageError, WATCH_HELP } from '../../src/app/args.js';

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

  it('the help names every flag the desk takes; the watch help every flag watch takes', () => {
    for (const flag of ['--api', '--keystore', '--readonly', '--bots', '--xmtp-file', '--no-xmtp', '--theme', '--ascii', '--help', '--version', '-v']) {
      expect(HELP).toContain(flag);
    }
    for (const sub of ['taskdesk watch --json', 'taskdesk sim', 'taskdesk help']) expect(HELP).toContain(sub);
    for (const flag of ['--json', '--api', '--keystore', '--readonly', '--bots', '--xmtp-file', '--no-xmtp', '--task-interval', '--auction-poll-interval', '--help', '--version', '-v']) {
      expect(WATCH_HELP).toContain(flag);
    }
    for (const event of ['task.snapshot', 'watch.ready', 'task.new', 'task.status_changed', 'task.auction_clock', 'email.new', 'xmtp.envelope']) {
      expect(WATCH_HELP).toContain(event);
    }
    // Each help lists only its own flags.
    expect(WATCH_HELP).not.toContain('--theme');
    expect(HELP).not.toContain('--task-interval');
  });

  it('-v is a version alias; watch refuses the desk-only flags', () => {
    expect(parseArgs(['-v'], { env: {} }).version).toBe(true);
    expect(parseArgs(['-V'], { env: {} }).version).toBe(true);
    expect(() => parseArgs(['--theme', 'mono'], { watch: true, env: {} })).toThrow(/--theme belongs to the desk/);
    expect(() => parseArgs(['--ascii'], { watch: true, env: {} })).toThrow(/--ascii belongs to the desk/);
  });

  it('counts are digits only', () => {
    for (const bad of ['', '1e1', ' 4', '4.0', '0x10', '65']) {
      expect(() => parseArgs(['--bots', bad], { env: {} }), JSON.stringify(bad)).toThrow('--bots: a whole number from 0 to 64');
    }
    expect(parseArgs(['--bots', '64'], { env: {} }).bots).toBe(64);
    expect(() => parseArgs(['--task-interval', '1e3'], { watch: true, env: {} })).toThrow(/milliseconds from 250/);
  });
});
