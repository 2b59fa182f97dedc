// `taskdesk journal` and `taskdesk journal report <id>`: called directly, and from the build with
// `node -e` (the lead wires it into src/cli.ts). Run `npm run build` first for the last test.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJournalCommand } from '../../src/exec/journal-command.js';
import { journalError, openJournal, stepRecord } from '../../src/exec/journal.js';
import { at, dutchAction, intentFor, tempDir, TASK, uuid } from './journal-fixtures.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist', 'exec', 'journal-command.js');

function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env };
  return runJournalCommand(argv, io).then((code) => ({ code, stdout, stderr }));
}

/** Four actions: verified dutch accept, an unanswered submit, a refused bid, a create reconciled after a restart; and a torn line. */
function writeSample(path: string): void {
  const j = openJournal(path);
  for (const r of dutchAction(1)) j.append(r);
  const submit = intentFor(2, { action: 'submit', mode: 'claim', auctionType: null, amount: null, fee: 0n, spend: 0n, params: { files: ['out/report.md'] } });
  j.append(submit);
  j.append(stepRecord(submit, 'sent', { attempt: 1 }, at(2, 3)));
  const bid = intentFor(3, { action: 'bid', auctionType: 'english', amount: 900_000n, params: { price: 900_000n } });
  j.append(bid);
  j.append(stepRecord(bid, 'response', { ok: false, httpStatus: 400, error: journalError('http', 'Contract call rejected: BidDeadlinePassed') }, at(3, 2)));
  const create = intentFor(16, { action: 'create_task', taskId: null, role: 'requester', mode: 'bounty', auctionType: null, amount: 5_000_000n, spend: 5_000_000n, fee: 0n, params: {} });
  j.append(create);
  j.append(stepRecord(create, 'reconciled', { outcome: 'done', how: 'intents', note: 'completed' }, at(17)));
  j.close();
  appendFileSync(path, '{"v":1,"actionId":"3f2a9c04-7d');
}

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('taskdesk-journal-cmd-');
});
afterEach(() => t.cleanup());

const LISTING = [
  'TIME                  ID        MARKET      ACTION          TASK        AMOUNT    OUTCOME',
  '2026-06-22T10:01:00Z  3f2a9c01  taskmarket  auction_accept  0x62cb9f1…  1.200000  verified',
  '2026-06-22T10:02:00Z  3f2a9c02  taskmarket  submit          0x62cb9f1…  -         unresolved (sent)',
  '2026-06-22T10:03:00Z  3f2a9c03  taskmarket  bid             0x62cb9f1…  0.900000  refused BidDeadlinePassed',
  '2026-06-22T10:16:00Z  3f2a9c10  taskmarket  create_task     -           5.000000  reconciled: done',
  '',
  '4 actions, 1 unresolved',
  '1 unreadable line skipped (line 12)',
  '',
].join('\n');

describe('taskdesk journal', () => {
  it('lists one line per action: time, short id, market, action, task, amount, outcome', async () => {
    writeSample(t.path);
    const r = await run(['--path', t.path]);
    expect(r).toEqual({ code: 0, stdout: LISTING, stderr: '' });
  });

  it('reads $XDG_STATE_HOME/taskdesk/journal.jsonl by default, also while a desk holds the lock', async () => {
    const dir = join(t.dir, 'state', 'taskdesk');
    mkdirSync(dir, { recursive: true });
    writeSample(join(dir, 'journal.jsonl'));
    const holder = openJournal(join(dir, 'journal.jsonl'));
    try {
      const r = await run([], { XDG_STATE_HOME: join(t.dir, 'state'), HOME: t.dir });
      expect(r.stdout).toBe(LISTING);
    } finally {
      holder.close();
    }
  });

  it('says so when there is no journal yet', async () => {
    const r = await run(['--path', join(t.dir, 'none.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`No journal yet at ${join(t.dir, 'none.jsonl')} (no action has been taken).\n`);
  });

  it('--json: one object per action, money as base-unit strings; skipped lines reported on stderr', async () => {
    writeSample(t.path);
    const r = await run(['--json', `--path=${t.path}`]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((x) => [x.action, x.amount, x.state, x.resolved])).toEqual([
      ['auction_accept', '1200000', 'verified', true],
      ['submit', null, 'sent', false],
      ['bid', '900000', 'refused', true],
      ['create_task', '5000000', 'reconciled_done', true],
    ]);
    expect(rows[0]).toMatchObject({ actionId: uuid(1), taskId: TASK, network: { name: 'base-sepolia', chainId: 84532 } });
    expect(r.stderr).toBe('taskdesk journal: 1 unreadable line skipped (line 12)\n');
  });

  it('report <prefix> prints the completion report; --json gives its fields', async () => {
    writeSample(t.path);
    const r = await run(['report', '3F2A9C03', '--path', t.path]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`Completion report: action ${uuid(3)} (refused BidDeadlinePassed)`);
    for (const label of ['Task ID', 'Network and API URL', 'Wallet', 'Mode and action taken', 'Submitted file or proof', 'Returned ID or tx hash', 'Verification', 'Caveats']) {
      expect(lines.some((l) => l.startsWith(`  ${label} `)), label).toBe(true);
    }
    expect(r.stdout).toContain('- on-chain rejection BidDeadlinePassed: do not retry');
    const full = await run(['report', uuid(1), '--path', t.path, '--json']);
    const json = JSON.parse(full.stdout) as { fields: { label: string; value: string }[]; caveats: string[] };
    expect(json.fields.find((f) => f.label === 'Verification')?.value).toMatch(/^verified: status claimed/);
    expect(json.caveats[0]).toBe('auction-price drift: 1.200000 shown at approval, 1.150000 accepted (-0.050000, -4.16%)');
  });

  it('exits 2 with a clear message for an unknown or ambiguous id and for bad arguments', async () => {
    writeSample(t.path);
    const cases: [string[], RegExp][] = [
      [['report', 'ffff', '--path', t.path], /^taskdesk journal: no action ffff in the journal \(`taskdesk journal` lists them\)\n$/],
      [['report', '3f2a9c', '--path', t.path], /^taskdesk journal: 3f2a9c matches 4 actions \(3f2a9c01-7d4e, 3f2a9c02-7d4e, 3f2a9c03-7d4e, 3f2a9c10-7d4e\); give more of the id\n$/],
      [['report', '3f2a9c0', '--path', t.path], /matches 3 actions/],
      [['report', '--path', t.path], /journal report needs exactly one action id/],
      [['report', 'a', 'b', '--path', t.path], /journal report needs exactly one action id/],
      [['--path'], /--path needs a file/],
      [['--bogus'], /unknown option --bogus/],
      [['show'], /unknown journal command "show"/],
      [['report', '\x1b[2Jx', '--path', t.path], /no action x in the journal/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('\x1b');
    }
    expect((await run(['--help'])).stdout).toContain('taskdesk journal report <actionId|prefix>');
  });

  it('sanitises market-derived text from the journal', async () => {
    const j = openJournal(t.path);
    const i = intentFor(1, { taskId: '0x\x1b]0;pwned\x07\u202eab', payee: 'x\x1b[31my' });
    j.append(i);
    j.append(stepRecord(i, 'response', { ok: false, error: { kind: 'server', message: 'boom\x1b[2J\r\x07' } }));
    j.close();
    const list = await run(['--path', t.path]);
    const report = await run(['report', uuid(1), '--path', t.path]);
    for (const out of [list.stdout, report.stdout]) expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/);
    expect(list.stdout).toContain('0xab ');
    expect(report.stdout).toContain('payee xy');
    expect(report.stdout).toContain('(server): boom');
  });

  it('runs from the build: node -e importing dist/exec/journal-command.js', () => {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` first`);
    writeSample(t.path);
    const code = `const { runJournalCommand } = await import(${JSON.stringify(pathToFileURL(DIST).href)}); process.exitCode = await runJournalCommand(process.argv.slice(1), process);`;
    const list = spawnSync(process.execPath, ['--input-type=module', '-e', code, '--', '--path', t.path], { encoding: 'utf8', timeout: 20_000 });
    expect(list.status).toBe(0);
    expect(list.stdout).toBe(LISTING);
    const bad = spawnSync(process.execPath, ['--input-type=module', '-e', code, '--', 'report', 'nope', '--path', t.path], { encoding: 'utf8', timeout: 20_000 });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no action nope in the journal');
    writeFileSync(t.path, '');
    const empty = spawnSync(process.execPath, ['--input-type=module', '-e', code, '--', '--path', t.path], { encoding: 'utf8', timeout: 20_000 });
    expect(empty.stdout).toBe('No actions in the journal.\n\n0 actions, 0 unresolved\n');
  });
});
