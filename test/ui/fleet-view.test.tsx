// Opening the Fleet view: F from anywhere (a pane or another view) and :fleet in the palette; it reads the
// fleet through DeskActions.fleet, follows the store as it changes, scrolls like every view and Esc closes it.
import { afterEach, describe, expect, it } from 'vitest';
import { loadFleet } from '../../src/config/fleet.js';
import { createFleetStore, fleetSnapshot } from '../../src/store/fleet-state.js';
import { parsePalette } from '../../src/ui/palette.js';
import { KEY, makeStore, makeTask, mount, settle, type Mounted } from './harness.js';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

const { fleet } = loadFleet({ path: `${process.cwd()}/examples/fleet.json`, env: { HOME: '/home/op' } });
const fleetStore = () => createFleetStore({ source: 'file', path: '/home/op/.config/taskdesk/fleet.json', fleet, emUrl: 'http://127.0.0.1:4010/em', balanceUrl: 'http://127.0.0.1:4010' });

describe('the Fleet view', () => {
  it('F opens it from the panes and from an open task; Esc goes back to the desk', async () => {
    const fs = fleetStore();
    m = await mount(makeStore([makeTask({ id: 'T00001' })]), { rows: 50, columns: 130, actions: { bell: () => {}, fleet: () => fleetSnapshot(fs) } });
    await m.press('F');
    expect(m.frame()).toContain('Fleet: 6 agents, 1 pipelines');
    expect(m.frame()).toMatch(/kk-soul-extractor\s+EM\s+0x0000…00a5/);
    await m.press(KEY.esc);
    expect(m.frame()).toContain('1 Feed');
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Task detail');
    await m.press('F');
    expect(m.frame()).toContain('Pipeline kk-supply-chain');
    await m.press(KEY.esc);
    expect(m.frame()).toContain('1 Feed');
  });

  it(':fleet opens it too, and it shows what the fleet store holds now', async () => {
    expect(parsePalette('fleet')).toEqual({ kind: 'fleet' });
    const fs = fleetStore();
    m = await mount(makeStore([]), { rows: 50, columns: 130, actions: { bell: () => {}, fleet: () => fleetSnapshot(fs) } });
    for (const k of [':', 'f', 'l', 'e', 'e', 't', KEY.enter]) await m.press(k);
    expect(m.frame()).toMatch(/kk-karma-hello\s+EM\s+0x0000…00a2\s+-\s/);
    fs.getState().setBalances({ 'kk-karma-hello': 8_700n }, Date.now());
    // The view re-reads the snapshot on the desk's next tick.
    m.store.getState().tick(Date.now() + 1_000);
    await settle();
    expect(m.frame()).toMatch(/kk-karma-hello\s+EM\s+0x0000…00a2\s+0\.008700/);
  });

  it('without a fleet action the view says the market is not open yet', async () => {
    m = await mount(makeStore([]), { rows: 30, columns: 100 });
    await m.press('F');
    expect(m.frame()).toContain('the market is not open yet');
  });
});
