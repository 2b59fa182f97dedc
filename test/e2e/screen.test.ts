// The pane reader used by the desk tests, over hand-drawn grids.
import { describe, expect, it } from 'vitest';
import { moneyFigures, paneBox } from '../e2e-helpers/screen.js';

const grid = (s: string): string[][] => s.split('\n').map((l) => [...l]);

describe('paneBox', () => {
  const screen = grid(
    [
      'SIM taskdesk',
      '╭─ Feed ──────╮╔═ Clocks ═══╗',
      '│ row one     │║ 9.500000   ║',
      '│ row two     │║ 1.250000   ║',
      '╰─────────────╯╚════════════╝',
    ].join('\n'),
  );

  it('returns the inside of the box whose top border carries the title', () => {
    const feed = paneBox(screen, 'Feed');
    expect(feed?.body).toEqual([' row one', ' row two']);
    const clocks = paneBox(screen, 'Clocks');
    expect(clocks?.body).toEqual([' 9.500000', ' 1.250000']);
    expect(moneyFigures(clocks?.text ?? '')).toEqual(['9.500000', '1.250000']);
  });

  it('finds a title on the first inner row and returns null for a title in no box', () => {
    const inner = grid(['┌──────┐', '│Inbox │', '│ msg  │', '└──────┘'].join('\n'));
    expect(paneBox(inner, 'Inbox')?.body).toEqual(['Inbox', ' msg']);
    expect(paneBox(screen, 'taskdesk')).toBeNull();
  });
});
