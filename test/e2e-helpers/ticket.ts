// Drive an order ticket from the keyboard the way an operator does, reading only the screen: open a
// task (`:goto`), `x` for its actions (or `b` on a clock, `n`, a palette command), pick the action in the
// chooser, type the network name when asked, fill the inputs (Tab/↑↓ move, ←/→ cycle a choice, Ctrl-U
// clears), Enter to check them, then type the phrase the last line names (or press y), and read the
// completion report. Every wait is on screen content.
import type { IntentAction } from '../../src/core/intent.js';
import { ticketSpecFor } from '../../src/markets/taskmarket/tickets/index.js';
import { paneBox } from './screen.js';
import type { PtySession } from './pty.js';

const WAIT = 20_000;
const SHIFT_TAB = '\x1b[Z';
const RIGHT = '\x1b[C';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Outcome {
  ok: boolean;
  /** "verified", or the reason it is not done. */
  title: string;
  /** The whole ticket body at the end (the completion report). */
  text: string;
}

export interface Field {
  /** The label and its value as one line. */
  label: string;
  focused: boolean;
  shown: string;
  /** The value part (after the padded label column; a focused text field ends with its caret `_`). */
  value: string;
}

// Field labels at least as long as the label column run straight into their value (src/markets/taskmarket/tickets).
const LONG_LABELS = ['reward (USDC; auctions: the max price)', 'bid window / clock (hours, auctions)', 'extend expiry by (hours, optional)'];

/** The column where values start: labels are padded to one width (the most common gap-then-value column). */
function valueColumn(lines: string[]): number {
  const counts = new Map<number, number>();
  for (const l of lines) {
    const m = /^(.*?\S)( {2,})(\S)/.exec(l);
    if (m) counts.set(m[1]!.length + m[2]!.length, (counts.get(m[1]!.length + m[2]!.length) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 34;
}

/** The open ticket's body lines (inside its border, padding removed), or null when none is open. */
export function ticketBody(p: PtySession): string[] | null {
  const box = paneBox(p.grid(), 'Ticket:');
  return box ? box.body.map((l) => l.slice(1)) : null;
}

const lastLine = (body: string[]) => [...body].reverse().find((l) => l.trim() !== '') ?? '';

/** What a ticket's last line asks for: a typed phrase, a press of y, or neither (still editing, or done). */
export function askOf(body: string[]): { kind: 'typed'; phrase: string } | { kind: 'press' } | null {
  const last = lastLine(body);
  const typed = /^Type (\S+) to confirm · Esc cancels/.exec(last);
  if (typed) return { kind: 'typed', phrase: typed[1]! };
  if (last.startsWith('Press y to confirm')) return { kind: 'press' };
  return null;
}

/** The line above a ticket's last: a notice, the phrase being typed, or "cannot confirm: …". */
export function promptOf(body: string[]): string {
  const lines = body.filter((l) => l.trim() !== '');
  return lines[lines.length - 2] ?? '';
}

export class TicketDriver {
  constructor(readonly p: PtySession) {}

  body(): string[] {
    return ticketBody(this.p) ?? [];
  }

  text(): string {
    return this.body().join('\n');
  }

  isOpen(): boolean {
    return ticketBody(this.p) !== null;
  }

  /** Open a task's detail view by id (the palette's :goto); polls now (R) until the desk knows the task. */
  async goto(taskId: string): Promise<void> {
    const deadline = Date.now() + WAIT;
    const short = taskId.slice(0, 9).toLowerCase();
    for (;;) {
      this.p.write(`:goto ${taskId}\r`);
      const shown = (s: string) => s.includes(taskId) && s.includes('Task detail');
      if (await this.p.waitFor(shown, 1_500).then(() => true, () => false)) return;
      if (Date.now() > deadline) throw new Error(`:goto ${taskId} never opened it\n${this.p.screen()}`);
      // Not known yet (a new task, or one that left the feed): poll now until the Feed lists it, then again.
      this.p.write('\x1b');
      await sleep(100);
      this.p.write('R');
      await this.p.waitFor((s) => s.toLowerCase().includes(short), 1_500).catch(() => undefined);
    }
  }

  /** Poll now (R) until the screen satisfies `pred` (a poll already in flight can swallow one R). */
  async refreshUntil(pred: (screen: string) => boolean, timeoutMs = WAIT): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pred(this.p.screen())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms polling for the screen\n${this.p.screen()}`);
      this.p.write('R');
      await this.p.waitFor(pred, 1_500).catch(() => undefined);
    }
  }

  /** True when the four panes are showing (no ticket, view, help or text line over them). */
  atHome(): boolean {
    const s = this.p.screen();
    return !s.includes('Ticket:') && /1 Feed/.test(s) && /2 Clocks/.test(s) && /4 Actions/.test(s) && !this.p.lines().some((l) => /^[:/]/.test(l));
  }

  /** Leave whatever is open (ticket, view, palette) back to the panes. */
  async home(): Promise<void> {
    for (let i = 0; i < 8 && !this.atHome(); i++) {
      const before = this.p.screen();
      this.p.write('\x1b');
      await this.p.waitFor((s) => s !== before, 1_000).catch(() => undefined);
    }
    await this.p.waitFor(() => this.atHome(), WAIT);
  }

  /** The title of the open ticket ("Claim", "Submit work", …), or null. */
  title(): string | null {
    const m = /^Ticket: (.+?)(?: · task \S+)?$/.exec(this.body()[0] ?? '');
    return m ? m[1]!.trim() : null;
  }

  /**
   * `x` on the open task: the chooser, or straight into the ticket when the task has one action. A ticket
   * opened from a detail older than the counterparty's last move is for the wrong action: Esc and ask again
   * (x asked for a fresh detail).
   */
  async act(action: string): Promise<void> {
    const want = ticketSpecFor(action as IntentAction)?.title;
    if (!want) throw new Error(`no ticket for ${action}`);
    const deadline = Date.now() + WAIT;
    for (;;) {
      this.p.write('x');
      // A detail from before the market moved may offer nothing ("no pending action"): x again once it is fresh.
      const none = (s: string) => s.includes('no pending action for this wallet on this task');
      let opened = await this.p.waitFor((s) => s.includes('Ticket:') || none(s), 3_000).then(() => this.isOpen(), () => false);
      // The flash may be the last x's: give this one a moment before taking "nothing offered" for an answer.
      if (!opened) opened = await this.p.waitFor('Ticket:', 600).then(() => true, () => false);
      if (!opened) {
        if (Date.now() > deadline) throw new Error(`x opened no ticket for ${action}\n${this.p.screen()}`);
        await sleep(300);
        continue;
      }
      const title = this.title();
      if (title === 'Act on the task') return this.choose(action);
      if (title === want) return;
      if (Date.now() > deadline) throw new Error(`x opened "${title}", not "${want}"\n${this.text()}`);
      this.p.write('\x1b');
      await this.p.waitForGone('Ticket:', WAIT);
      await sleep(600);
    }
  }

  /** In the chooser: select `action` (j/k) and Enter. A ticket already past the chooser is left as is. */
  async choose(action: string): Promise<void> {
    const name = action.replace(/_/g, '-');
    const deadline = Date.now() + WAIT;
    for (;;) {
      const body = this.body();
      if (!body.some((l) => l.startsWith('Choose an action'))) return;
      const rows = this.choices();
      const want = rows.findIndex((r) => r.label.split(/\s+/)[0] === name);
      if (want >= 0) {
        const at = rows.findIndex((r) => r.selected);
        const d = want - Math.max(0, at);
        if (d === 0) {
          this.p.write('\r');
          await this.p.waitFor((s) => !s.includes('Choose an action'), WAIT);
          return;
        }
        this.p.write((d > 0 ? 'j' : 'k').repeat(Math.abs(d)));
        await this.p.waitFor(() => this.choices()[want]?.selected === true, WAIT);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the chooser does not offer ${name}\n${this.text()}`);
      await sleep(100);
    }
  }

  choices(): { selected: boolean; role: string; label: string }[] {
    const body = this.body();
    const start = body.findIndex((l) => l.startsWith('Choose an action'));
    if (start < 0) return [];
    const out: { selected: boolean; role: string; label: string }[] = [];
    for (const l of body.slice(start + 1)) {
      const m = /^([› ]) (\S+)\s+(\S.*)$/.exec(l);
      if (!m || m[2] === 'no' || m[2] === 'loading') break;
      out.push({ selected: m[1] === '›', role: m[2]!, label: m[3]!.trim() });
    }
    return out;
  }

  /** The network stage, if it is showing: type the name and Enter. */
  async network(name = 'base-sepolia'): Promise<boolean> {
    if (!this.text().includes('Confirm the network for this session')) return false;
    this.p.write(name);
    await this.p.waitFor(`network: ${name}_`, WAIT);
    this.p.write('\r');
    await this.p.waitFor((s) => !s.includes('Confirm the network for this session'), WAIT);
    return true;
  }

  /** The input fields as drawn (edit or confirm stage). */
  fields(): Field[] {
    const body = this.body();
    const start = body.findIndex((l) => l.startsWith('Inputs'));
    if (start < 0) return [];
    const rows: { focused: boolean; text: string }[] = [];
    for (const l of body.slice(start + 1)) {
      if (l.trim() === '') break;
      if (!/^[› ] \S/.test(l)) continue; // a hint or an error under the field
      rows.push({ focused: l[0] === '›', text: l.slice(2) });
    }
    const col = valueColumn(rows.map((r) => r.text));
    return rows.map((r) => {
      const long = LONG_LABELS.find((x) => r.text.startsWith(x) && x.length > col);
      return { label: r.text, focused: r.focused, shown: r.text, value: r.text.slice(long ? long.length : col) };
    });
  }

  /** Focus the field whose label starts with `label`. */
  async focus(label: string): Promise<void> {
    const deadline = Date.now() + WAIT;
    for (;;) {
      const fs = this.fields();
      const want = fs.findIndex((f) => f.label.startsWith(label));
      const at = fs.findIndex((f) => f.focused);
      if (want < 0) throw new Error(`no field "${label}"\n${this.text()}`);
      if (want === at) return;
      if (Date.now() > deadline) throw new Error(`could not focus "${label}"\n${this.text()}`);
      const d = want - at;
      for (let i = 0; i < Math.abs(d); i++) this.p.write(d > 0 ? '\t' : SHIFT_TAB);
      await this.p.waitFor(() => this.fields()[want]?.focused === true, 5_000).catch(() => undefined);
    }
  }

  /** Replace a text field's value: focus, Ctrl-E Ctrl-U, type. */
  async fill(label: string, value: string): Promise<void> {
    await this.focus(label);
    this.p.write('\x05\x15');
    await this.p.waitFor(() => this.focusedValue(label) === '', 5_000);
    if (value !== '') {
      this.p.write(value);
      await this.p.waitFor(() => this.focusedValue(label) === value, 5_000);
    }
  }

  private focusedValue(label: string): string | null {
    const f = this.fields().find((x) => x.focused && x.label.startsWith(label));
    if (!f) return null;
    return f.value.replace(/_\s*$/, '');
  }

  /** Cycle a choice field with → until it shows `choiceLabel`. */
  async pick(label: string, choiceLabel: string): Promise<void> {
    await this.focus(label);
    for (let i = 0; i < 16; i++) {
      const f = this.fields().find((x) => x.focused);
      const shown = f ? f.value : '';
      if (shown.toLowerCase().startsWith(`${choiceLabel}  (`.toLowerCase())) return;
      this.p.write(RIGHT);
      await this.p.waitFor(() => (this.fields().find((x) => x.focused)?.shown ?? '') !== (f?.shown ?? ''), 5_000);
    }
    throw new Error(`choice "${label}" never showed "${choiceLabel}"\n${this.text()}`);
  }

  ask(): ReturnType<typeof askOf> {
    return askOf(this.body());
  }

  prompt(): string {
    return promptOf(this.body());
  }

  /** Failed checks as drawn (✗ label  reason). */
  failedChecks(): string[] {
    return this.body().filter((l) => /^[✗x] \S/.test(l) && !/^x402/.test(l)).map((l) => l.trim());
  }

  /** Enter on the inputs: wait for the confirmation line (or throw with the errors shown). */
  async check(): Promise<{ kind: 'typed'; phrase: string } | { kind: 'press' }> {
    await this.network();
    // Bind to the task's detail, not its list row: Enter once the detail is in (or the inputs are still invalid).
    await this.p
      .waitFor(() => this.body().some((l) => /^[✓✗–] task fresh/.test(l) && !/never fetched/.test(l)) || this.body().some((l) => l.includes('the checks run once the inputs are valid')) || !this.text().includes('task fresh'), 5_000)
      .catch(() => undefined);
    if (this.ask() === null) this.p.write('\r');
    await this.p.waitFor(() => this.ask() !== null, WAIT).catch(() => {
      throw new Error(`no confirmation line after Enter\n${this.text()}`);
    });
    return this.ask()!;
  }

  /** Wait until no check fails except the approval (the gate is ready for the confirmation). */
  async ready(timeoutMs = WAIT): Promise<void> {
    await this.p.waitFor(() => !/cannot confirm/.test(this.prompt()) && this.ask() !== null, timeoutMs).catch(() => {
      throw new Error(`the gate still refuses: ${this.failedChecks().join(' | ')}\n${this.text()}`);
    });
  }

  /** Type the phrase (or y) and Enter; resolves with the completion report. */
  async confirm(): Promise<Outcome> {
    const ask = await this.check();
    await this.ready();
    if (ask.kind === 'typed') {
      if (/confirm again/.test(this.prompt())) {
        // The ticket saw the task change since Enter: one confirmation re-binds it, the next one sends.
        this.p.write(`${ask.phrase}\r`);
        await this.p.waitFor(() => /check the ticket and confirm again|^not sent|Submitting/.test(this.prompt() + lastLine(this.body())), WAIT);
        if (/Submitting/.test(lastLine(this.body()))) return this.outcome();
      }
      this.p.write(ask.phrase);
      await this.p.waitFor(() => this.prompt().includes(`> ${ask.phrase}_`), WAIT);
      this.p.write('\r');
    } else this.p.write('y');
    return this.outcome();
  }

  /** The completion report once the market has answered. */
  async outcome(timeoutMs = 30_000): Promise<Outcome> {
    // The done page is whole once its last line is drawn (a frame can arrive in pieces).
    const done = () => this.body().some((l) => /^(Not done|Done): /.test(l)) && lastLine(this.body()).startsWith('Enter or Esc closes');
    await this.p.waitFor(() => done() || /^not sent:|confirm again/.test(this.prompt()), timeoutMs);
    const body = this.body();
    const head = body.find((l) => /^(Not done|Done): /.test(l));
    if (!head) return { ok: false, title: this.prompt(), text: body.join('\n') };
    return { ok: head.startsWith('Done: '), title: head.replace(/^(Not done|Done): /, '').trim(), text: body.join('\n') };
  }

  /** Close the report (Enter) and wait for the ticket to go. */
  async close(): Promise<void> {
    this.p.write('\r');
    await this.p.waitFor((s) => !s.includes('Ticket:'), WAIT);
  }

  /** Select the task's row in the Clocks pane (2, then j/k) and press `key` (b takes the clock). */
  async clock(taskId: string, key = 'b'): Promise<void> {
    await this.home();
    this.p.write('2');
    const short = taskId.slice(0, 9).toLowerCase();
    const deadline = Date.now() + WAIT;
    for (;;) {
      const rows = paneBox(this.p.grid(), 'Clocks')?.body ?? [];
      const want = rows.findIndex((r) => r.toLowerCase().includes(short));
      const at = rows.findIndex((r) => r.trimStart().startsWith('›'));
      if (want >= 0 && want === at) break;
      if (Date.now() > deadline) throw new Error(`no Clocks row for ${short}\n${this.p.screen()}`);
      if (want < 0 || at < 0) {
        this.p.write('R');
        await sleep(700);
        continue;
      }
      this.p.write((want > at ? 'j' : 'k').repeat(Math.abs(want - at)));
      await sleep(150);
    }
    this.p.write(key);
    await this.p.waitFor('Ticket:', WAIT);
  }

  /** A palette command that opens a ticket (`:withdraw`, `:withdrawal-address`). */
  async palette(command: string): Promise<void> {
    await this.home();
    this.p.write(`:${command}\r`);
    await this.p.waitFor('Ticket:', WAIT);
    await this.network();
  }

  /** Type the phrase the last line names and Enter even though a check fails: the desk must refuse it. */
  async typeAnyway(): Promise<string> {
    const ask = this.ask();
    if (!ask) throw new Error(`no confirmation line\n${this.text()}`);
    if (ask.kind === 'press') this.p.write('y');
    else {
      this.p.write(ask.phrase);
      await this.p.waitFor(() => this.prompt().includes(`> ${ask.phrase}_`) || /cannot confirm/.test(this.prompt()), WAIT);
      this.p.write('\r');
    }
    await this.p.waitFor(() => /^not sent:/.test(this.prompt()) || /^(Not done|Done): /m.test(this.text()), WAIT);
    return this.prompt();
  }

  /** Enter on the Actions pane's row for `action` on `taskId` (4, then j/k): that action's ticket. */
  async fromActions(taskId: string, action: string): Promise<void> {
    await this.home();
    this.p.write('4');
    const short = taskId.slice(0, 8).toLowerCase();
    const word = new RegExp(`\\b${action}\\b`);
    const deadline = Date.now() + WAIT;
    for (;;) {
      const rows = paneBox(this.p.grid(), 'Actions')?.body ?? [];
      const want = rows.findIndex((r) => r.toLowerCase().includes(short) && word.test(r));
      const at = rows.findIndex((r) => r.trimStart().startsWith('›'));
      if (want >= 0 && want === at) break;
      if (Date.now() > deadline) throw new Error(`no Actions row for ${action} on ${short}\n${this.p.screen()}`);
      if (want < 0 || at < 0) {
        // The wallet's own tasks arrive with the inbox poll: poll now.
        this.p.write('R');
        await sleep(700);
        continue;
      }
      this.p.write((want > at ? 'j' : 'k').repeat(Math.abs(want - at)));
      await sleep(150);
    }
    this.p.write('\r');
    await this.p.waitFor('Ticket:', WAIT);
  }

  /** `n`: the new-task form, filled and confirmed. */
  async create(values: Record<string, string | { pick: string }>): Promise<Outcome> {
    await this.home();
    this.p.write('n');
    await this.p.waitFor('Ticket: New task', WAIT);
    return this.finish(values);
  }

  /** Open `action` on `taskId`, fill `values` (label → text, or {pick} for a choice), confirm, close. */
  async run(taskId: string, action: string, values: Record<string, string | { pick: string }> = {}): Promise<Outcome> {
    await this.home();
    await this.goto(taskId);
    await this.act(action);
    return this.finish(values);
  }

  /** From an open ticket: network, inputs, confirmation, the report, close, back to the panes. */
  async finish(values: Record<string, string | { pick: string }> = {}): Promise<Outcome> {
    await this.network();
    for (const [label, v] of Object.entries(values)) {
      if (typeof v === 'string') await this.fill(label, v);
      else await this.pick(label, v.pick);
    }
    const out = await this.confirm();
    if (this.isOpen() && /^(Not done|Done): /m.test(this.text())) await this.close();
    await this.home();
    return out;
  }
}
