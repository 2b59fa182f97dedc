// The new-task form (`n`): every mode and auction type with its parameters, checked with the backend's
// own validation texts (POST /api/tasks, taskmarket-backend.md §1.2) before anything is paid.
// For auctions the escrow must cover the highest payout, so maxPrice is the reward (guide: reward = maxPrice).
import type { Intent } from '../../../core/intent.js';
import { formatUsdc } from '../../../core/money.js';
import { AUCTION_TYPES, MODES, type AuctionType, type Mode } from '../../../core/types.js';
import { choiceField, hoursField, textField, usdcField } from './fields.js';
import type { BuildResult, TicketSpec } from './spec.js';

const MODE_CHOICES = MODES.map((m) => ({ value: m, label: m }));
const TYPE_CHOICES = [{ value: '', label: '(not an auction)' }, ...AUCTION_TYPES.map((t) => ({ value: t, label: t }))];

export const createTaskTicket: TicketSpec = {
  action: 'create_task',
  title: 'New task',
  fields: () => [
    { key: 'mode', label: 'mode', kind: 'choice', initial: 'bounty', required: true, choices: MODE_CHOICES },
    { key: 'auctionType', label: 'auction type (auctions)', kind: 'choice', initial: '', required: false, choices: TYPE_CHOICES },
    { key: 'description', label: 'description', kind: 'text', initial: '', required: true, hint: 'what the worker must do; up to 10000 characters' },
    { key: 'reward', label: 'reward (USDC; auctions: the max price)', kind: 'usdc', initial: '', required: true, hint: 'paid now into escrow' },
    { key: 'duration', label: 'expires in (hours)', kind: 'hours', initial: '24', required: true },
    { key: 'startPrice', label: 'start price (reverse dutch)', kind: 'usdc', initial: '', required: false },
    { key: 'floorPrice', label: 'floor price (dutch)', kind: 'usdc', initial: '', required: false },
    { key: 'bidDeadline', label: 'bid window / clock (hours, auctions)', kind: 'hours', initial: '', required: false },
    { key: 'pitchDeadline', label: 'pitch window (hours, pitch)', kind: 'hours', initial: '', required: false },
    { key: 'tags', label: 'tags (comma-separated)', kind: 'text', initial: '', required: false, hint: 'at most 10' },
    { key: 'metricDescription', label: 'metric (benchmark)', kind: 'text', initial: '', required: false },
    { key: 'metricTarget', label: 'metric target (benchmark)', kind: 'text', initial: '', required: false },
  ],
  build(ctx, v): BuildResult {
    const errors: Record<string, string> = {};
    const mode = choiceField(v.mode ?? '', MODE_CHOICES, 'mode');
    const description = textField(v.description ?? '', 'Description', 10_000);
    const reward = usdcField(v.reward ?? '');
    const duration = hoursField(v.duration ?? '', 'Duration');
    if (!mode.ok) errors.mode = mode.error;
    if (!description.ok) errors.description = description.error === 'Description is required' ? 'Description is required' : description.error;
    if (!reward.ok) errors.reward = reward.error;
    if (!duration.ok) errors.duration = duration.error;
    const tags = (v.tags ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (tags.length > 10) errors.tags = 'Maximum 10 tags allowed';
    const optUsdc = (key: string) => {
      const raw = (v[key] ?? '').trim();
      if (raw === '') return null;
      const r = usdcField(raw, { allowZero: true });
      if (!r.ok) errors[key] = r.error;
      return r.ok ? r.value : null;
    };
    const optHours = (key: string, what: string) => {
      const raw = (v[key] ?? '').trim();
      if (raw === '') return null;
      const r = hoursField(raw, what);
      if (!r.ok) errors[key] = r.error;
      return r.ok ? r.value : null;
    };
    const start = optUsdc('startPrice');
    const floor = optUsdc('floorPrice');
    const bidHours = optHours('bidDeadline', 'the bid window');
    const pitchHours = optHours('pitchDeadline', 'the pitch window');
    const m = (mode.ok ? mode.value : 'bounty') as Mode;
    const rawType = (v.auctionType ?? '').trim();
    const auctionType = rawType === '' ? null : ((AUCTION_TYPES as readonly string[]).includes(rawType) ? (rawType as AuctionType) : null);
    if (rawType !== '' && auctionType === null) errors.auctionType = 'auction type must be dutch, english, reverse_dutch or reverse_english';
    // The backend's cross-field rules, with its texts (sim/taskmarket/task-create.ts holds the same).
    if (m === 'auction') {
      if (auctionType === null && !errors.auctionType) errors.auctionType = 'auctionType is required for auction mode (dutch, english, reverse_dutch, reverse_english)';
      if (auctionType === 'dutch' && floor === null && !errors.floorPrice) errors.floorPrice = 'auctionFloorPrice is required for dutch auction type';
      if (auctionType === 'reverse_dutch' && start === null && !errors.startPrice) errors.startPrice = 'auctionStartPrice is required for reverse_dutch auction type';
      if (reward.ok && floor !== null && floor > reward.value) errors.floorPrice = 'auctionFloorPrice must be less than or equal to reward';
      if (reward.ok && start !== null && start > reward.value) errors.startPrice = 'auctionStartPrice must be less than or equal to reward';
      if (bidHours === null && !errors.bidDeadline) errors.bidDeadline = 'an auction needs its bid window (hours)';
    } else if (auctionType !== null) errors.auctionType = 'only auction mode takes an auction type';
    if (m === 'pitch' && pitchHours === null && !errors.pitchDeadline) errors.pitchDeadline = 'a pitch task needs its pitch window (hours)';
    if (duration.ok && bidHours !== null && bidHours > duration.value) errors.bidDeadline = 'the bid window must close before the task expires';
    if (duration.ok && pitchHours !== null && pitchHours > duration.value) errors.pitchDeadline = 'the pitch window must close before the task expires';
    const metricDescription = textField(v.metricDescription ?? '', 'metric', 500, false);
    const metricTarget = textField(v.metricTarget ?? '', 'metric target', 200, false);
    if (!metricDescription.ok) errors.metricDescription = metricDescription.error;
    if (!metricTarget.ok) errors.metricTarget = metricTarget.error;
    if (Object.keys(errors).length || !reward.ok || !description.ok || !duration.ok) return { ok: false, errors };
    const intent: Intent = {
      market: 'taskmarket',
      action: 'create_task',
      taskId: null,
      role: 'requester',
      wallet: ctx.wallet,
      agent: ctx.agent,
      mode: m,
      auctionType: m === 'auction' ? auctionType : null,
      amount: reward.value,
      // POST /api/tasks: the x402 amount is the reward itself, no extra fee (§1.1).
      fee: 0n,
      spend: reward.value,
      payee: null,
      score: null,
      params: {
        description: description.value,
        reward: reward.value,
        durationHours: duration.value,
        mode: m,
        auctionType: m === 'auction' ? auctionType : null,
        maxPrice: m === 'auction' ? reward.value : null,
        auctionStartPrice: m === 'auction' ? start : null,
        auctionFloorPrice: m === 'auction' ? floor : null,
        bidDeadlineHours: m === 'auction' ? bidHours : null,
        pitchDeadlineHours: m === 'pitch' ? pitchHours : null,
        tags,
        metricDescription: metricDescription.ok && metricDescription.value ? metricDescription.value : null,
        metricTarget: metricTarget.ok && metricTarget.value ? metricTarget.value : null,
      },
    };
    return { ok: true, intent };
  },
  effect: (_ctx, intent) => [
    { label: 'escrow', value: `${formatUsdc(intent.amount ?? 0n)} USDC paid now; refunded if you cancel or it expires unclaimed` },
    ...(intent.mode === 'auction' ? [{ label: 'max price', value: `${formatUsdc(intent.amount ?? 0n)} USDC (= the reward: the escrow covers the highest payout)` }] : []),
  ],
};
