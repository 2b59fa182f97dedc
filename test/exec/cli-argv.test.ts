// argv for the official CLI from a grammar-parsed pendingAction + typed ticket values, and the wallet
// builders: placeholders filled only from inputs, only the guide's guards added, everything else refused.
import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCliArgv, usdcArg, type CliExtra } from '../../src/exec/cli-argv.js';
import { buildCreateTaskArgv, buildSetWithdrawalAddressArgv, buildWalletArgv, buildWithdrawArgv } from '../../src/exec/cli-wallet-argv.js';
import type { ActionName } from '../../src/core/types.js';
import { parseCommand, type CommandInputs, type ParsedCommand } from '../../src/markets/taskmarket/index.js';

const ID = '0x' + 'ab'.repeat(32);
const W = `0x${'12'.repeat(20)}` as const;
const W2 = `0x${'34'.repeat(20)}` as const;

function parsed(rest: string, action?: ActionName): ParsedCommand {
  const r = parseCommand(`taskmarket task ${rest}`, action ? { taskId: ID, action } : { taskId: ID });
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}

const build = (rest: string, inputs: CommandInputs = {}, extra: CliExtra = {}) => buildCliArgv(parsed(rest), inputs, extra);
const argvOf = (rest: string, inputs: CommandInputs = {}, extra: CliExtra = {}) => {
  const r = build(rest, inputs, extra);
  if (!r.ok) throw new Error(r.reason);
  return r.argv;
};
const reasonOf = (rest: string, inputs: CommandInputs = {}, extra: CliExtra = {}) => {
  const r = build(rest, inputs, extra);
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.argv)}`);
  return r.reason;
};

describe('usdcArg', () => {
  it('prints the shortest text the CLI reads back exactly', () => {
    expect(usdcArg(1_500_000n)).toBe('1.5');
    expect(usdcArg(2_000_000n)).toBe('2');
    expect(usdcArg(1n)).toBe('0.000001');
    expect(usdcArg(1_250_000n)).toBe('1.25');
    expect(usdcArg(10_000_000n)).toBe('10');
    expect(usdcArg(0n)).toBe('0');
  });
});

describe('buildCliArgv', () => {
  it('keeps subcommand and task id in place and never passes the # note', () => {
    expect(argvOf(`claim ${ID}`)).toEqual(['task', 'claim', ID]);
    expect(argvOf(`auction-accept ${ID} # current price: $7.511400`)).toEqual(['task', 'auction-accept', ID]);
  });

  it('fills placeholders from typed inputs only', () => {
    expect(argvOf(`bid ${ID} --price <usdc> # current lowest: $1.44`, { price: { kind: 'usdc', value: 1_250_000n } })).toEqual(['task', 'bid', ID, '--price', '1.25']);
    expect(argvOf(`accept ${ID} --worker <address>`, { worker: { kind: 'address', value: W } })).toEqual(['task', 'accept', ID, '--worker', W]);
    expect(argvOf(`update ${ID} --extend-expiry <seconds>`, { extendExpiry: { kind: 'int', value: 3600 } })).toEqual(['task', 'update', ID, '--extend-expiry', '3600']);
  });

  it('passes a text value as one argv element, shell characters and all', () => {
    const text = 'I can; rm -rf / && $(curl x) `id`';
    expect(argvOf(`pitch ${ID} --text "..."`, { text: { kind: 'text', value: text } })).toEqual(['task', 'pitch', ID, '--text', text]);
  });

  it('refuses a placeholder left unfilled, naming it', () => {
    expect(reasonOf(`bid ${ID} --price <usdc>`)).toBe('needs input: price');
    expect(reasonOf(`select-worker ${ID} --pitch <pitchId> --worker <address>`, { worker: { kind: 'address', value: W } })).toBe('needs input: pitch');
    expect(reasonOf(`bid ${ID} --price <usdc>`, { price: { kind: 'input', expects: 'usdc', placeholder: '<usdc>' } })).toBe('needs input: price');
  });

  it('refuses an input for a value the server already set', () => {
    expect(reasonOf(`accept ${ID} --worker ${W}`, { worker: { kind: 'address', value: W2 } })).toMatch(/not a placeholder/);
    expect(reasonOf(`claim ${ID}`, { price: { kind: 'usdc', value: 1n } })).toMatch(/not a placeholder/);
  });

  it('refuses inputs of the wrong kind or out of range', () => {
    expect(reasonOf(`bid ${ID} --price <usdc>`, { price: { kind: 'text', value: '1.5' } })).toMatch(/--price/);
    expect(reasonOf(`bid ${ID} --price <usdc>`, { price: { kind: 'usdc', value: 0n } })).toMatch(/greater than zero/);
    expect(reasonOf(`bid ${ID} --price <usdc>`, { price: { kind: 'usdc', value: -5n } })).toMatch(/--price/);
    expect(reasonOf(`accept ${ID} --worker <address>`, { worker: { kind: 'address', value: '0x12' as `0x${string}` } })).toMatch(/--worker/);
    expect(reasonOf(`rate ${ID} --worker ${W} --rating <0-100>`, { rating: { kind: 'int', value: 101 } })).toMatch(/0\.\.100/);
    expect(reasonOf(`rate ${ID} --worker ${W} --rating <0-100>`, { rating: { kind: 'int', value: 1.5 } })).toMatch(/integer/);
  });

  it('refuses a text value that starts with "-" or carries control characters', () => {
    const pitch = (value: string) => reasonOf(`pitch ${ID} --text "..."`, { text: { kind: 'text', value } });
    expect(pitch('--help')).toMatch(/may not start with "-"/);
    expect(pitch('-x')).toMatch(/may not start with "-"/);
    expect(pitch('a\u0000b')).toMatch(/control/);
    expect(pitch('line\nbreak')).toMatch(/control/);
    expect(pitch('\u001b[2Jclear')).toMatch(/control/);
    expect(pitch('bidi\u202e')).toMatch(/control or invisible/);
    expect(pitch('')).toMatch(/non-empty/);
  });

  it('auction-accept: --min-price is the one guard it takes', () => {
    expect(argvOf(`auction-accept ${ID} # current price: $2`, {}, { minPrice: 1_500_000n })).toEqual(['task', 'auction-accept', ID, '--min-price', '1.5']);
    expect(argvOf(`auction-accept ${ID}`, {}, { minPrice: 0n })).toEqual(['task', 'auction-accept', ID, '--min-price', '0']);
    expect(reasonOf(`bid ${ID} --price <usdc>`, { price: { kind: 'usdc', value: 1n } }, { minPrice: 1n })).toMatch(/auction-accept only/);
    // A template that already sets the guard keeps it; a different one would change the command.
    expect(argvOf(`auction-accept ${ID} --min-price 2`, {}, { minPrice: 2_000_000n })).toEqual(['task', 'auction-accept', ID, '--min-price', '2']);
    expect(reasonOf(`auction-accept ${ID} --min-price 2`, {}, { minPrice: 1_000_000n })).toMatch(/already sets --min-price/);
    expect(argvOf(`auction-accept ${ID} --min-price <usdc>`, {}, { minPrice: 3_000_000n })).toEqual(['task', 'auction-accept', ID, '--min-price', '3']);
  });

  it('submit: local files (absolute) and --role, nothing else', () => {
    const argv = argvOf(`submit ${ID} --file <path>`, {}, { files: ['work/a.txt', '/tmp/b.txt'], role: 'final' });
    expect(argv.slice(0, 5)).toEqual(['task', 'submit', ID, '--role', 'final']);
    expect(argv.slice(5)).toEqual(['--file', expect.stringMatching(/work\/a\.txt$/), '--file', '/tmp/b.txt']);
    expect(isAbsolute(argv[6] ?? '')).toBe(true);
    expect(argvOf(`submit ${ID} --file <path>`, {}, { files: ['-rf'] })[4]).not.toMatch(/^-/);
    expect(reasonOf(`submit ${ID} --file <path>`)).toMatch(/needs input: file\[0\]/);
    expect(reasonOf(`submit ${ID} --file <path>`, {}, { files: Array.from({ length: 21 }, (_, i) => `/tmp/${i}`) })).toMatch(/at most 20/);
    expect(reasonOf(`submit ${ID} --file <path>`, {}, { files: ['/tmp/a\u0000b'] })).toMatch(/control/);
    expect(reasonOf(`submit ${ID} --file <path>`, {}, { files: ['/tmp/a'], role: 'owner' })).toMatch(/not one of/);
    expect(reasonOf(`claim ${ID}`, {}, { files: ['/tmp/a'] })).toMatch(/submit/);
    expect(reasonOf(`submit ${ID} --file <path>`, { 'file[0]': { kind: 'text', value: '/etc/passwd' } }, { files: ['/tmp/a'] })).toMatch(/file list/);
  });

  it('rate: the typed score and optional --feedback', () => {
    const rate = `rate ${ID} --worker ${W} --rating <0-100>`;
    expect(argvOf(rate, { rating: { kind: 'int', value: 80 } }, { feedback: 'solid work' })).toEqual(['task', 'rate', ID, '--worker', W, '--rating', '80', '--feedback', 'solid work']);
    expect(reasonOf(rate, { rating: { kind: 'int', value: 80 } }, { feedback: '--rating 0' })).toMatch(/may not start/);
    expect(reasonOf(`claim ${ID}`, {}, { feedback: 'x' })).toMatch(/rate only/);
  });

  it('winner and award specs keep the template\'s fixed fields', () => {
    const accept = `accept-submissions ${ID} --winner <worker>:10000`;
    expect(argvOf(accept, { 'winner[0]': { kind: 'winner', worker: W, shareBps: 10_000, submissionId: null } })).toEqual(['task', 'accept-submissions', ID, '--winner', `${W}:10000`]);
    expect(reasonOf(accept, { 'winner[0]': { kind: 'winner', worker: W, shareBps: 5000, submissionId: null } })).toMatch(/fixes field 2/);
    expect(reasonOf(accept, { 'winner[0]': { kind: 'winner', worker: W, shareBps: 10_000, submissionId: 's1' } })).toMatch(/2 fields/);
    const evaluate = `evaluate ${ID} --verdict approve --award <worker>:<amount-usdc>:1`;
    expect(argvOf(evaluate, { 'award[0]': { kind: 'award', worker: W, amount: 1_500_000n, rank: 1 } })).toEqual(['task', 'evaluate', ID, '--verdict', 'approve', '--award', `${W}:1.5:1`]);
    expect(reasonOf(evaluate, { 'award[0]': { kind: 'award', worker: W, amount: 1_500_000n, rank: 2 } })).toMatch(/fixes field 3/);
  });

  it('refuses a ParsedCommand the grammar did not produce', () => {
    const p = parsed(`claim ${ID}`);
    expect(buildCliArgv({ ...p, argv: ['task', 'claim', '0x' + 'cd'.repeat(32)] }, {})).toMatchObject({ ok: false, reason: /does not match/ });
    expect(buildCliArgv({ ...p, subcommand: 'rm' as never, command: 'task rm' as never }, {})).toMatchObject({ ok: false });
    expect(buildCliArgv({ ...p, taskId: '--help', argv: ['task', 'claim', '--help'] }, {})).toMatchObject({ ok: false, reason: /task id/ });
    expect(buildCliArgv({ ...p, flags: { exec: { kind: 'text', value: 'x' } } }, {})).toMatchObject({ ok: false, reason: /no option --exec/ });
    const submit = parsed(`submit ${ID} --file <path>`);
    expect(buildCliArgv({ ...submit, flags: { file: [{ kind: 'text', value: '/etc/passwd' }] } }, {}, { files: ['/tmp/a'] })).toMatchObject({ ok: false, reason: /local files/ });
  });
});

describe('wallet argv', () => {
  const base = { description: 'label 100 images', reward: 5_000_000n, durationHours: 24 };

  it('task create from typed fields', () => {
    expect(buildCreateTaskArgv({ ...base, mode: 'claim', tags: ['data', 'labeling'] })).toEqual({
      ok: true,
      argv: ['task', 'create', '--description', 'label 100 images', '--reward', '5', '--duration', '24', '--mode', 'claim', '--tags', 'data,labeling'],
    });
    const dutch = buildCreateTaskArgv({ ...base, durationHours: 1.5, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: 500_000n, bidDeadlineHours: 2 });
    expect(dutch).toEqual({
      ok: true,
      argv: ['task', 'create', '--description', 'label 100 images', '--reward', '5', '--duration', '1.5', '--mode', 'auction', '--auction-type', 'dutch', '--max-price', '5', '--bid-deadline', '2', '--auction-floor-price', '0.5'],
    });
  });

  it('task create refusals', () => {
    const no = (p: Parameters<typeof buildCreateTaskArgv>[0]) => {
      const r = buildCreateTaskArgv(p);
      return r.ok ? 'ok' : r.reason;
    };
    expect(no({ ...base, description: '--help' })).toMatch(/may not start/);
    expect(no({ ...base, reward: 0n })).toMatch(/greater than zero/);
    expect(no({ ...base, durationHours: 1e21 })).toMatch(/hours/);
    expect(no({ ...base, durationHours: Number.NaN })).toMatch(/hours/);
    expect(no({ ...base, tags: ['-x'] })).toMatch(/tags/);
    expect(no({ ...base, tags: ['a,b'] })).toMatch(/tags/);
    expect(no({ ...base, mode: 'auction' })).toMatch(/auction-type/);
    expect(no({ ...base, mode: 'auction', auctionType: 'dutch' })).toMatch(/floor/);
    expect(no({ ...base, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: 6_000_000n })).toMatch(/at most the reward/);
    expect(no({ ...base, auctionType: 'english' })).toMatch(/--mode auction/);
    expect(no({ ...base, taskVisibility: 'private' })).toMatch(/password is never/);
    expect(no({ ...base, mode: 'pitch', pitchDeadlineHours: 1.5 })).toMatch(/whole hours/);
    expect(no({ ...base, evaluatorFeeBps: 100 })).toMatch(/--evaluator/);
    expect(no({ ...base, mode: 'bogus' as never })).toMatch(/--mode/);
  });

  it('withdraw and set-withdrawal-address', () => {
    expect(buildWithdrawArgv(1_500_000n)).toEqual({ ok: true, argv: ['withdraw', '1.5'] });
    expect(buildWithdrawArgv(0n)).toMatchObject({ ok: false });
    expect(buildWithdrawArgv(10n ** 16n)).toMatchObject({ ok: false, reason: /float/ });
    expect(buildSetWithdrawalAddressArgv(W)).toEqual({ ok: true, argv: ['wallet', 'set-withdrawal-address', W] });
    expect(buildSetWithdrawalAddressArgv(('0x' + '0'.repeat(40)) as `0x${string}`)).toMatchObject({ ok: false });
    expect(buildSetWithdrawalAddressArgv('--help' as `0x${string}`)).toMatchObject({ ok: false });
    expect(buildWalletArgv({ action: 'rm' } as never)).toMatchObject({ ok: false });
  });
});
