// The `:` palette grammar: operator text → a filter/sort patch. Pure, so it is tested without Ink.
import { AUCTION_TYPES, MODES, TASK_STATUSES, type AuctionType, type Mode, type TaskStatus } from '../core/types.js';
import { MoneyError, parseUsdc } from '../core/money.js';
import type { FeedFilter, FeedSort } from '../store/state.js';

export type PaletteResult =
  | { kind: 'patch'; filter?: Partial<FeedFilter>; sort?: FeedSort; message: string }
  | { kind: 'clear'; message: string }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'error'; message: string };

export const PALETTE_COMMANDS: { usage: string; description: string }[] = [
  { usage: 'mode <bounty|claim|pitch|benchmark|auction|all>', description: 'filter by task mode' },
  { usage: 'status <open|claimed|...|all>', description: 'filter by status' },
  { usage: 'type <dutch|english|reverse_dutch|reverse_english|all>', description: 'filter by auction type' },
  { usage: 'tags a,b', description: 'tasks carrying every tag (empty clears)' },
  { usage: 'skill <tag>', description: 'tasks needing a skill (empty clears)' },
  { usage: 'reward 1-5 | 1- | -5', description: 'reward range in USDC (empty clears)' },
  { usage: 'deadline <hours|off>', description: 'tasks expiring within N hours' },
  { usage: 'sort reward|reward-asc|deadline|newest|price', description: 'feed order' },
  { usage: 'clear', description: 'reset filters and sort' },
  { usage: 'help | quit', description: 'help overlay, quit the desk' },
];

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
      if (low === 'all' || low === '') return { kind: 'patch', filter: { mode: null }, message: 'mode: all' };
      const mode = oneOf<Mode>(MODES, low);
      if (!mode) return { kind: 'error', message: `mode must be one of ${MODES.join(', ')}, all` };
      return { kind: 'patch', filter: { mode }, message: `mode: ${mode}` };
    }
    case 'status': {
      if (low === 'all' || low === '') return { kind: 'patch', filter: { status: 'ALL' }, message: 'status: all' };
      const status = oneOf<TaskStatus>(TASK_STATUSES, low);
      if (!status) return { kind: 'error', message: `status must be one of ${TASK_STATUSES.join(', ')}, all` };
      return { kind: 'patch', filter: { status }, message: `status: ${status}` };
    }
    case 'type':
    case 'auction': {
      if (low === 'all' || low === '') return { kind: 'patch', filter: { auctionType: null }, message: 'auction type: all' };
      const t = oneOf<AuctionType>(AUCTION_TYPES, low.replace(/-/g, '_'));
      if (!t) return { kind: 'error', message: `type must be one of ${AUCTION_TYPES.join(', ')}, all` };
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
    case 'sort': {
      const sort = SORTS[low];
      if (!sort) return { kind: 'error', message: `sort must be one of ${Object.keys(SORTS).join(', ')}` };
      return { kind: 'patch', sort, message: `sort: ${low}` };
    }
    case 'clear':
      return { kind: 'clear', message: 'filters cleared' };
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
    return { kind: 'patch', filter: { minReward: min, maxReward: max }, message: `reward: ${m[1] || '0'}-${m[3] || 'max'} USDC` };
  } catch (err) {
    if (err instanceof MoneyError) return { kind: 'error', message: `reward: ${err.message}` };
    throw err;
  }
}
