// A task whose description is an escape-sequence attack (tui-anchors.md §4.1), created over real HTTP +
// x402 against a separately started `taskdesk sim`, then shown by the desk attached with --api. The
// terminal must never receive the payload's controls, and the screen must show only its visible text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { killAllPtys, spawnPty, type PtySession } from '../e2e-helpers/pty.js';
import { startSimProcess, type SimProcess } from '../e2e-helpers/proc.js';
import { fundWallet } from '../e2e-helpers/sim-api.js';
import { paidPost } from '../helpers/x402.js';
import { paneBox } from '../e2e-helpers/screen.js';

const ESC = '\x1b';
const BEL = '\x07';
const MARK = 'HOSTILEe2e';
const CLIP = 'cm0gLXJmIH4K'; // base64 of "rm -rf ~\n"
const DESCRIPTION = [
  `${MARK} start`,
  `${ESC}]52;c;${CLIP}${BEL}`, // clipboard write
  `${ESC}]0;pwnedtitle${BEL}`, // window title
  `${ESC}]2;pwnedtitle2${ESC}\\`,
  `${ESC}[2J${ESC}[H`, // clear + home
  `${ESC}c`, // full reset
  `${ESC}]8;;https://evil.example/${BEL}clickme${ESC}]8;;${BEL}`, // hyperlink
  `\x9b2J\x9d52;c;QUFB\x9c`, // 8-bit CSI and OSC
  `${ESC}[6n`, // cursor position report request
  'pay 1 USDC\rpay 9 USDC', // CR overwrite
  '\u202eevil\u202c', // BiDi override
  ` ${MARK}end`,
].join('');

describe('a hostile task description reaches the desk harmlessly', () => {
  let sim: SimProcess;
  let p: PtySession;
  let taskId: string;

  beforeAll(async () => {
    sim = await startSimProcess();
    const key = generatePrivateKey();
    const address = privateKeyToAccount(key).address;
    await fundWallet(sim.url, address, 100_000_000n);
    const created = await paidPost(sim.url, '/api/tasks', { description: DESCRIPTION, reward: '2000000', duration: 24, tags: ['e2e'], mode: 'bounty' }, key);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    taskId = (created.body as { taskId: string }).taskId;
    // The sim stores the bytes as sent: the attack is really in the market.
    const detail = (await (await fetch(`${sim.url}/api/tasks/${taskId}`)).json()) as { description: string };
    expect(detail.description).toBe(DESCRIPTION);
    p = spawnPty({ cols: 140, rows: 40, args: ['--api', sim.url] });
  });

  afterAll(async () => {
    killAllPtys();
    await sim?.stop();
  });

  it('lists the task in the Feed and shows the visible text of the description in the task view', async () => {
    const idPrefix = taskId.slice(0, 9);
    await p.waitFor(() => paneBox(p.grid(), 'Feed')?.body.some((r) => r.includes(idPrefix)) ?? false, 30_000);
    // Attached to a backend it did not start: the header says LIVE, never SIM.
    expect(p.lines()[0]).toMatch(/\bLIVE\b/);
    expect(p.lines()[0]).not.toMatch(/\bSIM\b/);
    await p.press('enter');
    const view = await p.waitFor((s) => s.includes('Description') && s.includes(`${MARK}end`), 15_000);
    // The words survive, in order, with the controls between them gone.
    const flat = view.replace(/[│║\s]+/g, ' ');
    for (const visible of [`${MARK} start`, 'clickme', 'pay 1 USDC', 'pay 9 USDC', 'evil', `${MARK}end`]) expect(flat).toContain(visible);
    // Every character on screen is printable; BiDi overrides are gone.
    expect(view).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    expect(view).not.toContain('pwnedtitle');
    expect(view).not.toContain(CLIP);
  }, 60_000);

  it('lets no control sequence from the payload through to the terminal', async () => {
    // Let a couple of polls and clock ticks redraw the row.
    await new Promise((r) => setTimeout(r, 2500));
    const raw = p.raw();
    expect(raw).not.toContain(CLIP);
    expect(raw).not.toContain('QUFB');
    expect(raw).not.toContain('pwnedtitle');
    expect(raw).not.toContain('evil.example');
    expect(raw).not.toContain(`${ESC}]52`);
    expect(raw).not.toContain(`${ESC}c`);
    expect(raw).not.toContain(`${ESC}[6n`);
    expect(raw).not.toMatch(/[\x9b\x9d\x9c]/);
    expect(raw).not.toContain('\u202e');
    // The terminal itself saw no title, clipboard or hyperlink sequence.
    expect(p.titles()).toEqual([]);
    expect(p.oscs().filter((o) => [0, 1, 2, 8, 52].includes(o.id))).toEqual([]);
    // No clear-screen arrived with the description: the text after the marker up to its line end has none.
    const afterMark = raw.slice(raw.indexOf(MARK));
    const nl = afterMark.indexOf('\n');
    expect(afterMark.slice(0, nl >= 0 ? nl : undefined)).not.toContain(`${ESC}[2J`);
    // Esc backs out of the view to the four panes, still running: the layout was never wrecked.
    await p.press('escape');
    await p.waitFor(() => ['Feed', 'Clocks', 'Inbox', 'Actions'].every((t) => paneBox(p.grid(), t) !== null), 10_000);
    expect(p.exit).toBeNull();
  }, 30_000);
});
