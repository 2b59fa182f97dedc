// The `:` palette grammar: operator text → a filter/sort patch. Pure, so it is tested without Ink.
import { AUCTION_TYPES, MODES, TASK_STATUSES, type AuctionType, type Mode, type TaskStatus } from '../core/types.js';
import { MoneyError, parseUsdc } from '../core/money.js';
import type { FeedFilter, FeedSort } from '../store/state.js';
import { rewardRange } from './format.js';

export type PaletteResult =
  | { kind: 'patch'; filter?: Partial<FeedFilter>; sort?: FeedSort; message: string }
  | { kind: 'clear'; message: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'goto'; prefix: string }
  | { kind: 'journal' }
  | { kind: 'fleet' }
  | { kind: 'orders' }
  | { kind: 'armClaim'; minReward: string; maxFills: string }
  | { kind: 'actAs'; agent: string | null }
  | { kind: 'wallet'; action: 'withdraw' | 'set_withdrawal_address' | 'em_publish' }
  | { kind: 'error'; message: string };

export const PALETTE_COMMANDS: { name: string; usage: string; description: string }[] = [
  { name: 'mode', usage: 'mode bounty|claim|pitch|benchmark|auction|all', description: 'filter by task mode' },
  { name: 'status', usage: `status ${TASK_STATUSES.join('|')}|all`, description: 'filter by status (default open)' },
  { name: 'type', usage: 'type dutch|english|rev-dutch|rev-eng|all', description: 'filter by auction type (reverse_dutch, reverse_english also work)' },
  { name: 'tags', usage: 'tags a,b', description: 'tasks carrying every tag; empty clears' },
  { name: 'skill', usage: 'skill <tag>', description: 'tasks needing a skill; empty clears' },
  { name: 'reward', usage: 'reward 1-5 | 1- | -5', description: 'reward range in USDC; empty clears' },
  { name: 'deadline', usage: 'deadline <hours>|off', description: 'tasks expiring within N hours' },
  { name: 'sort', usage: 'sort newest|reward|reward-asc|deadline|price', description: 'feed order (also < and > in the Feed)' },
  { name: 'market', usage: 'market all|tm|em', description: 'which market the Feed shows (Taskmarket, Execution Market, both)' },
  { name: 'category', usage: 'category <EM category>', description: 'Execution Market tasks of one category; empty clears' },
  { name: 'evidence', usage: 'evidence <EM evidence type>', description: 'Execution Market tasks requiring an evidence type; empty clears' },
  { name: 'goto', usage: 'goto <task id or prefix>', description: 'open a task by its id' },
  { name: 'journal', usage: 'journal', description: 'every action this desk took, with its completion report' },
  { name: 'fleet', usage: 'fleet', description: 'the fleet: every agent side by side and each pipeline per cycle (also F)' },
  { name: 'orders', usage: 'orders', description: 'armed orders: armed, paused, fired, suspended, expired, disarmed, with outcomes (also O)' },
  { name: 'arm-claim', usage: 'arm-claim <min reward USDC> <N>', description: "arm a claim rule: claim the first N new claim tasks matching the Feed's filters and paying at least the minimum (a ticket; confirmed by typing N)" },
  { name: 'publish', usage: 'publish', description: 'publish an Execution Market task (a ticket; n creates a Taskmarket task)' },
  { name: 'act-as', usage: 'act-as <fleet agent>|me', description: "act as one agent of the fleet from now on (its wallet signs; a keystore password is asked once); me: this desk's wallet" },
  { name: 'withdraw', usage: 'withdraw', description: 'withdraw USDC to your registered withdrawal address (a ticket)' },
  { name: 'withdrawal-address', usage: 'withdrawal-address', description: 'register your withdrawal address, once (a ticket)' },
  { name: 'clear', usage: 'clear', description: 'reset filters and sort to how the desk started' },
  { name: 'help', usage: 'help', description: 'this help' },
  { name: 'quit', usage: 'quit | q', description: 'quit the desk' },
];

/** Tab in the palette: complete the command word (or list the candidates when several fit). */
export function completePalette(line: string): { line: string; candidates: string[] } {
  const m = /^(\s*:?)(\S*)$/.exec(line);
  if (!m) return { line, candidates: [] };
  const word = (m[2] ?? '').toLowerCase();
  const names = PALETTE_COMMANDS.map((c) => c.name).filter((n) => n.startsWith(word));
  if (names.length === 1) return { line: `${m[1] ?? ''}${names[0]} `, candidates: names };
  let common = word;
  if (names.length > 1) {
    common = names[0]!;
    for (const n of names) while (!n.startsWith(common)) common = common.slice(0, -1);
  }
  return { line: `${m[1] ?? ''}${common.length > word.length ? common : word}`, candidates: names };
}

const AUCTION_ALIASES: Record<string, AuctionType> = { 'rev-dutch': 'reverse_dutch', 'rev-eng': 'reverse_english', 'rev-english': 'reverse_english' };
const needsValue = (cmd: string, values: readonly string[]) => ({ kind: 'error' as const, message: `${cmd} needs a value: ${values.join(', ')}` });

const SORTS: Record<string, FeedSort> = {
  reward: 'reward_desc',
  'reward-desc': 'reward_desc',
  'reward-asc': 'reward_asc',
  deadline: 'deadline_asc',
  newest: 'newest',
  price: 'clock_price',
};

function oneOf<T extends string>(list: readonly T[], value: string): T | null {
  return (list as readonly string[]).includes(value) ? (value as T) : null;
}

function usdc(text: string): bigint {
  return parseUsdc(text, { allowZero: true });
}

export function parsePalette(line: string): PaletteResult {
  const [rawCmd = '', ...rest] = line.trim().replace(/^:/, '').split(/\s+/);
  const cmd = rawCmd.toLowerCase();
  const arg = rest.join(' ').trim();
  const low = arg.toLowerCase();
  switch (cmd) {
    case '':
      return { kind: 'error', message: 'type a command, e.g. mode auction' };
    case 'mode': {
      if (low === '') return needsValue('mode', [...MODES, 'all']);
      if (low === 'all') return { kind: 'patch', filter: { mode: null }, message: 'mode: all' };
      const mode = oneOf<Mode>(MODES, low);
      if (!mode) return { kind: 'error', message: `mode must be one of ${MODES.join(', ')}, all` };
      return { kind: 'patch', filter: { mode }, message: `mode: ${mode}` };
    }
    case 'status': {
      if (low === '') return needsValue('status', [...TASK_STATUSES, 'all']);
      if (low === 'all') return { kind: 'patch', filter: { status: 'ALL' }, message: 'status: all' };
      const status = oneOf<TaskStatus>(TASK_STATUSES, low);
      if (!status) return { kind: 'error', message: `status must be one of ${TASK_STATUSES.join(', ')}, all` };
      return { kind: 'patch', filter: { status }, message: `status: ${status}` };
    }
    case 'type':
    case 'auction': {
      if (low === '') return needsValue('type', ['dutch', 'english', 'rev-dutch', 'rev-eng', 'all']);
      if (low === 'all') return { kind: 'patch', filter: { auctionType: null }, message: 'auction type: all' };
      const t = AUCTION_ALIASES[low] ?? oneOf<AuctionType>(AUCTION_TYPES, low.replace(/-/g, '_'));
      if (!t) return { kind: 'error', message: `type must be one of dutch, english, rev-dutch, rev-eng (or reverse_dutch, reverse_english), all` };
      return { kind: 'patch', filter: { auctionType: t }, message: `auction type: ${t}` };
    }
    case 'tags':
    case 'tag': {
      const tags = arg.split(',').map((t) => t.trim()).filter(Boolean).slice(0, 10);
      return { kind: 'patch', filter: { tags }, message: tags.length ? `tags: ${tags.join(',')}` : 'tags: any' };
    }
    case 'skill':
      return { kind: 'patch', filter: { skill: arg === '' ? null : arg }, message: arg ? `skill: ${arg}` : 'skill: any' };
    case 'reward':
      return parseReward(arg);
    case 'deadline': {
      if (low === '' || low === 'off' || low === 'all') return { kind: 'patch', filter: { deadlineHours: null }, message: 'deadline: any' };
      if (!/^\d{1,5}$/.test(low) || Number(low) === 0) return { kind: 'error', message: 'deadline takes whole hours, e.g. deadline 24' };
      return { kind: 'patch', filter: { deadlineHours: Number(low) }, message: `deadline: within ${Number(low)}h` };
    }
    case 'market': {
      const m = { all: 'all', tm: 'taskmarket', taskmarket: 'taskmarket', em: 'execution-market', 'execution-market': 'execution-market' }[low] as FeedFilter['market'] | undefined;
      if (!m) return { kind: 'error', message: 'market takes all, tm (Taskmarket) or em (Execution Market)' };
      return { kind: 'patch', filter: { market: m }, message: `market: ${m}` };
    }
    case 'category':
      return { kind: 'patch', filter: { category: low === '' ? null : low.replace(/-/g, '_') }, message: low ? `category: ${low}` : 'category: any' };
    case 'evidence':
      return { kind: 'patch', filter: { evidence: low === '' ? null : low.replace(/-/g, '_') }, message: low ? `evidence: ${low}` : 'evidence: any' };
    case 'goto':
    case 'task': {
      const id = arg.trim();
      if (!/^0x[0-9a-fA-F]{2,64}$/.test(id) && !/^[0-9a-fA-F]{4,64}$/.test(id)) return { kind: 'error', message: 'goto takes a task id or its first hex digits, e.g. goto 0x4538' };
      return { kind: 'goto', prefix: id.startsWith('0x') || id.startsWith('0X') ? id : `0x${id}` };
    }
    case 'sort': {
      if (low === '') return needsValue('sort', Object.keys(SORTS));
      const sort = SORTS[low];
      if (!sort) return { kind: 'error', message: `sort must be one of ${Object.keys(SORTS).join(', ')}` };
      return { kind: 'patch', sort, message: `sort: ${low}` };
    }
    case 'clear':
      return { kind: 'clear', message: 'filters cleared' };
    case 'journal':
      return { kind: 'journal' };
    case 'fleet':
      return { kind: 'fleet' };
    case 'act-as': {
      const name = arg.trim();
      if (name === '') return { kind: 'error', message: 'act-as takes a fleet agent name (see F), or me' };
      return { kind: 'actAs', agent: name.toLowerCase() === 'me' ? null : name };
    }
    case 'orders':
      return { kind: 'orders' };
    case 'arm-claim': {
      const [minReward = '', maxFills = '1', ...more] = rest;
      if (minReward === '' || more.length > 0) return { kind: 'error', message: 'arm-claim takes a minimum reward in USDC and N, e.g. arm-claim 1.5 2' };
      return { kind: 'armClaim', minReward, maxFills };
    }
    case 'withdraw':
      return { kind: 'wallet', action: 'withdraw' };
    case 'publish':
      return { kind: 'wallet', action: 'em_publish' };
    case 'withdrawal-address':
      return { kind: 'wallet', action: 'set_withdrawal_address' };
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'q':
    case 'quit':
      return { kind: 'quit' };
    default:
      return { kind: 'error', message: `unknown command "${cmd.slice(0, 20)}" (try :help)` };
  }
}

function parseReward(arg: string): PaletteResult {
  if (arg === '' || arg === 'any') return { kind: 'patch', filter: { minReward: null, maxReward: null }, message: 'reward: any' };
  const m = /^([0-9.]*)\s*(-?)\s*([0-9.]*)$/.exec(arg);
  if (!m || (m[1] === '' && m[3] === '')) return { kind: 'error', message: 'reward takes USDC: 1-5, 1-, -5 or 2' };
  try {
    const min = m[1] ? usdc(m[1]) : null;
    const max = m[3] ? usdc(m[3]) : m[2] ? null : null;
    if (min !== null && max !== null && min > max) return { kind: 'error', message: 'reward: min is above max' };
    return { kind: 'patch', filter: { minReward: min, maxReward: max }, message: `reward: ${rewardRange(min, max)}` };
  } catch (err) {
    if (err instanceof MoneyError) return { kind: 'error', message: `reward: ${err.message}` };
    throw err;
  }
}
