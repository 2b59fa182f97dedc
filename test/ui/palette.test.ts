import { describe, expect, it } from 'vitest';
import { parsePalette } from '../../src/ui/palette.js';

describe(':palette grammar', () => {
  it('parses each filter and sort', () => {
    expect(parsePalette('mode auction')).toMatchObject({ kind: 'patch', filter: { mode: 'auction' } });
    expect(parsePalette(':mode all')).toMatchObject({ kind: 'patch', filter: { mode: null } });
    expect(parsePalette('status open')).toMatchObject({ filter: { status: 'open' } });
    expect(parsePalette('status all')).toMatchObject({ filter: { status: 'ALL' } });
    expect(parsePalette('type reverse-dutch')).toMatchObject({ filter: { auctionType: 'reverse_dutch' } });
    expect(parsePalette('tags a, b ,c')).toMatchObject({ filter: { tags: ['a', 'b', 'c'] } });
    expect(parsePalette('tags')).toMatchObject({ filter: { tags: [] } });
    expect(parsePalette('skill rust')).toMatchObject({ filter: { skill: 'rust' } });
    expect(parsePalette('deadline 24')).toMatchObject({ filter: { deadlineHours: 24 } });
    expect(parsePalette('deadline off')).toMatchObject({ filter: { deadlineHours: null } });
    expect(parsePalette('sort price')).toMatchObject({ sort: 'clock_price' });
    expect(parsePalette('sort reward')).toMatchObject({ sort: 'reward_desc' });
    expect(parsePalette('sort deadline')).toMatchObject({ sort: 'deadline_asc' });
    expect(parsePalette('clear')).toEqual({ kind: 'clear', message: 'filters cleared' });
    expect(parsePalette('help')).toEqual({ kind: 'help' });
    expect(parsePalette('q')).toEqual({ kind: 'quit' });
  });

  it('reward ranges are bigint USDC base units, parsed with the money grammar', () => {
    expect(parsePalette('reward 1-5')).toMatchObject({ filter: { minReward: 1_000_000n, maxReward: 5_000_000n } });
    expect(parsePalette('reward 0.5-')).toMatchObject({ filter: { minReward: 500_000n, maxReward: null } });
    expect(parsePalette('reward -2.25')).toMatchObject({ filter: { minReward: null, maxReward: 2_250_000n } });
    expect(parsePalette('reward 3')).toMatchObject({ filter: { minReward: 3_000_000n, maxReward: null } });
    expect(parsePalette('reward')).toMatchObject({ filter: { minReward: null, maxReward: null } });
    expect(parsePalette('reward 5-1')).toMatchObject({ kind: 'error', message: 'reward: min is above max' });
    expect(parsePalette('reward 1.1234567')).toMatchObject({ kind: 'error' });
    expect(parsePalette('reward lots')).toMatchObject({ kind: 'error' });
  });

  it('refuses what it does not know', () => {
    expect(parsePalette('mode lottery').kind).toBe('error');
    expect(parsePalette('status nope').kind).toBe('error');
    expect(parsePalette('deadline 0').kind).toBe('error');
    expect(parsePalette('deadline 1.5').kind).toBe('error');
    expect(parsePalette('sort random').kind).toBe('error');
    expect(parsePalette('rm -rf').kind).toBe('error');
    expect(parsePalette('').kind).toBe('error');
  });
});
