// pendingAction command strings (taskmarket-backend.md §2.3) parsed against the CLI 1.13.0 grammar.
// Every template parses into typed fields; hostile strings are refused with a reason. Nothing executes.
import { describe, expect, it } from 'vitest';
import type { ActionName } from '../../src/core/types.js';
import { parseCommand, type FlagValue, type ParsedCommand } from '../../src/markets/taskmarket/index.js';

const ID = '0x' + 'ab'.repeat(32);
const W = '0x' + '22'.repeat(20);

function ok(command: string, action?: ActionName): ParsedCommand {
  const r = parseCommand(command, { taskId: ID, ...(action ? { action } : {}) });
  if (!r.ok) throw new Error(`refused: ${r.reason} — ${command}`);
  return r.value;
}
function refused(command: string, action?: ActionName, taskId = ID): string {
  const r = parseCommand(command, { taskId, ...(action ? { action } : {}) });
  expect(r.ok, command).toBe(false);
  return r.ok ? '' : r.reason;
}

describe('every §2.3 template', () => {
  const templates: [ActionName, string, (p: ParsedCommand) => void][] = [
    ['cancel', `taskmarket task cancel ${ID}`, (p) => expect(p.flags).toEqual({})],
    ['update', `taskmarket task update ${ID} --extend-expiry <seconds>`, (p) => expect(p.needsInput).toEqual(['extendExpiry'])],
    ['refund_expired', `taskmarket task refund-expired ${ID}`, (p) => expect(p.needsInput).toEqual([])],
    ['accept', `taskmarket task accept ${ID} --worker ${W}`, (p) => expect(p.flags.worker).toEqual({ kind: 'address', value: W })],
    ['accept', `taskmarket task accept ${ID} --worker <address>`, (p) => expect(p.needsInput).toEqual(['worker'])],
    ['accept_submissions', `taskmarket task accept-submissions ${ID} --winner <worker>:10000`, (p) => {
      expect(p.needsInput).toEqual(['winner[0]']);
      expect((p.flags.winner as FlagValue[])[0]).toEqual({ kind: 'input', expects: 'winner', placeholder: '<worker>:10000' });
    }],
    ['reject_submission', `taskmarket task reject-submission ${ID} --worker ${W}`, (p) => expect(p.flags.worker).toEqual({ kind: 'address', value: W })],
    ['evaluate', `taskmarket task evaluate ${ID} --verdict approve --award <worker>:<amount-usdc>:1`, (p) => {
      expect(p.flags.verdict).toEqual({ kind: 'text', value: 'approve' });
      expect(p.needsInput).toEqual(['award[0]']);
    }],
    ['evaluate', `taskmarket task evaluate ${ID} --verdict approve --award <worker>:<amount-usdc>:1 --score 1000`, (p) => expect(p.flags.score).toEqual({ kind: 'int', value: 1000 })],
    ['submit', `taskmarket task submit ${ID} --file <path>`, (p) => expect(p.needsInput).toEqual(['file[0]'])],
    ['submit_proof', `taskmarket task proof ${ID} --data <data> --type <type>`, (p) => expect(p.needsInput).toEqual(['data', 'type'])],
    ['claim', `taskmarket task claim ${ID}`, (p) => expect(p.command).toBe('task claim')],
    ['pitch', `taskmarket task pitch ${ID} --text "..."`, (p) => expect(p.flags.text).toEqual({ kind: 'input', expects: 'text', placeholder: '"..."' })],
    ['select_worker', `taskmarket task select-worker ${ID} --pitch <pitchId> --worker <address>`, (p) => expect(p.needsInput).toEqual(['pitch', 'worker'])],
    ['auction_accept', `taskmarket task auction-accept ${ID} # current price: $0.000550`, (p) => {
      expect(p.note).toBe('current price: $0.000550');
      expect(p.flags).toEqual({});
    }],
    ['auction_accept', `taskmarket task auction-accept ${ID} # current price: $?`, (p) => expect(p.note).toBe('current price: $?')],
    ['bid', `taskmarket task bid ${ID} --price <usdc>`, (p) => expect(p.needsInput).toEqual(['price'])],
    ['bid', `taskmarket task bid ${ID} --price <usdc> # current lowest: $1.500000`, (p) => expect(p.note).toBe('current lowest: $1.500000')],
    ['bid', `taskmarket task bid ${ID} --price <usdc> # 3 sealed bid(s) placed`, (p) => expect(p.note).toBe('3 sealed bid(s) placed')],
    ['select_winner', `taskmarket task select-winner ${ID}`, (p) => expect(p.subcommand).toBe('select-winner')],
    ['forfeit', `taskmarket task forfeit ${ID}`, (p) => expect(p.action).toBe('forfeit')],
    ['evaluator_timeout', `taskmarket task evaluator-timeout ${ID}`, (p) => expect(p.argv).toEqual(['task', 'evaluator-timeout', ID])],
    ['appeal', `taskmarket task appeal ${ID}`, (p) => expect(p.flags).toEqual({})],
    ['finalize_verdict', `taskmarket task finalize-verdict ${ID}`, (p) => expect(p.flags).toEqual({})],
    ['resolve_dispute', `taskmarket task resolve-dispute ${ID} --verdict approve --award <worker>:<amount-usdc>:<rank>`, (p) => expect(p.needsInput).toEqual(['award[0]'])],
    ['rate', `taskmarket task rate ${ID} --worker ${W} --rating <0-100>`, (p) => {
      expect(p.flags.worker).toEqual({ kind: 'address', value: W });
      expect(p.needsInput).toEqual(['rating']);
    }],
  ];
  for (const [action, command, check] of templates) {
    it(`${action}: ${command.replace(ID, '<id>')}`, () => {
      const p = ok(command, action);
      expect(p.taskId).toBe(ID);
      check(p);
    });
  }

  it('concrete values are typed: usdc → bigint, specs → parts', () => {
    expect(ok(`taskmarket task bid ${ID} --price 1.5`).flags.price).toEqual({ kind: 'usdc', value: 1_500_000n });
    expect(ok(`taskmarket task auction-accept ${ID} --min-price 0`).flags.minPrice).toEqual({ kind: 'usdc', value: 0n });
    expect(ok(`taskmarket task accept-submissions ${ID} --winner ${W}:6000 --winner ${W}:4000:sub_1`).flags.winner).toEqual([
      { kind: 'winner', worker: W, shareBps: 6000, submissionId: null },
      { kind: 'winner', worker: W, shareBps: 4000, submissionId: 'sub_1' },
    ]);
    expect(ok(`taskmarket task resolve-dispute ${ID} --verdict partial --award ${W}:2.5:1`).flags.award).toEqual([{ kind: 'award', worker: W, amount: 2_500_000n, rank: 1 }]);
    expect(ok(`taskmarket task pitch ${ID} --text "I will do it well" --duration 3`).flags.text).toEqual({ kind: 'text', value: 'I will do it well' });
  });
});

describe('refusals', () => {
  const hostile = [
    `taskmarket task cancel ${ID}; rm -rf /`,
    `taskmarket task cancel ${ID} ; rm -rf /`,
    `taskmarket task cancel $(curl 127.0.0.1)`,
    `taskmarket task cancel ${ID} $(curl 127.0.0.1)`,
    'taskmarket task cancel `id`',
    `taskmarket task cancel ${ID} \`id\``,
    `taskmarket task cancel ${ID}\nrm -rf /`,
    `taskmarket task cancel ${ID}\r`,
    `taskmarket task accept ${ID} --worker 0xdead && curl 127.0.0.1`,
    `taskmarket task accept ${ID} --worker ${W} && curl 127.0.0.1`,
    `taskmarket task accept ${ID} --worker ${W} | sh`,
    `taskmarket task accept ${ID} --worker ${W} > /tmp/x`,
    `taskmarket task pitch ${ID} --text "$(whoami)"`,
    `taskmarket task pitch ${ID} --text "\`whoami\`"`,
    `taskmarket task pitch ${ID} --text 'single quoted'`,
    `taskmarket task pitch ${ID} --text "unterminated`,
    `taskmarket task accept ${ID} --worker\t${W}`,
    `taskmarket task accept ${ID} --worker ${W}\u202e`,
    `taskmarket task accept ${ID} --worker ${W}\u200b`,
    `taskmarket task accept ${ID} --worker \u001b[31m${W}`,
  ];
  for (const command of hostile) {
    it(`refuses ${JSON.stringify(command).slice(0, 90)}`, () => {
      expect(refused(command).length).toBeGreaterThan(0);
    });
  }

  it('unknown subcommands, other programs, and other groups', () => {
    expect(refused(`taskmarket task withdraw ${ID}`)).toContain('unknown subcommand');
    expect(refused(`taskmarket wallet withdraw ${ID}`)).toContain('not a "taskmarket task" command');
    expect(refused(`curl task cancel ${ID}`)).toContain('not a "taskmarket task" command');
    expect(refused(`/usr/bin/taskmarket task cancel ${ID}`)).toBeTruthy();
  });

  it('a different task id than the task it came from', () => {
    expect(refused(`taskmarket task cancel 0x${'cd'.repeat(32)}`)).toContain('different task');
    expect(refused(`taskmarket task cancel ${ID.toUpperCase().replace('0X', '0x')}`)).toContain('different task');
    expect(refused('taskmarket task cancel')).toContain('task id');
  });

  it('a subcommand that does not perform the pendingAction', () => {
    expect(refused(`taskmarket task cancel ${ID}`, 'accept')).toContain('does not perform');
  });

  it('extra args, unknown options, repeated options, option-looking values, --flag=value', () => {
    expect(refused(`taskmarket task cancel ${ID} extra`)).toContain('extra argument');
    expect(refused(`taskmarket task cancel ${ID} --force yes`)).toContain('no option --force');
    expect(refused(`taskmarket task accept ${ID} --worker ${W} --worker ${W}`)).toContain('twice');
    expect(refused(`taskmarket task accept ${ID} --worker --rating`)).toContain('needs a value');
    expect(refused(`taskmarket task accept ${ID} --worker=${W}`)).toBeTruthy();
    expect(refused(`taskmarket task bid ${ID} --price -5`)).toBeTruthy();
  });

  it('values are checked against the option type', () => {
    expect(refused(`taskmarket task bid ${ID} --price 1.1234567`)).toContain('USDC');
    expect(refused(`taskmarket task bid ${ID} --price 0`)).toContain('USDC');
    expect(refused(`taskmarket task rate ${ID} --worker ${W} --rating 101`)).toContain('0..100');
    expect(refused(`taskmarket task accept-submissions ${ID} --winner ${W}:0`)).toContain('share');
    expect(refused(`taskmarket task evaluate ${ID} --verdict maybe`)).toContain('approve|reject|partial');
  });

  it('the server may not choose local files for submit', () => {
    expect(refused(`taskmarket task submit ${ID} --file keystore.json`)).toContain('local files');
    expect(refused(`taskmarket task submit ${ID} --file /home/user/.taskmarket/keystore.json`)).toBeTruthy();
    expect(refused(`taskmarket task submit ${ID} --file ~/.ssh/id_rsa`)).toBeTruthy();
  });

  it('never throws on junk', () => {
    for (const junk of ['', ' ', '#', '"', '""', 'taskmarket', 'x'.repeat(5000), '\u0000', '<<<>>>', '--', '# taskmarket task cancel']) {
      expect(() => parseCommand(junk, { taskId: ID })).not.toThrow();
      expect(parseCommand(junk, { taskId: ID }).ok).toBe(false);
    }
    expect(parseCommand(42 as unknown as string, { taskId: ID }).ok).toBe(false);
  });
});
