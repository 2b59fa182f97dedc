// An Execution Market order ticket driven from the keyboard, reading only the screen: the network stage
// when it shows, fields by their label (Tab moves, Ctrl-E Ctrl-U clears, → cycles a choice), Enter to check
// the inputs, the phrase the last line names typed (or y pressed), and the completion report.
import { paneBox } from './screen.js';
import { askOf, promptOf } from './ticket.js';
import type { PtySession } from './pty.js';

const WAIT = 20_000;
const RIGHT = '\x1b[C';

export interface EmOutcome {
  ok: boolean;
  /** "verified", or why it is not done. */
  title: string;
  text: string;
}

export class EmTicket {
  constructor(readonly p: PtySession) {}

  body(): string[] {
    const box = paneBox(this.p.grid(), 'Ticket:');
    return box ? box.body.map((l) => l.slice(1)) : [];
  }

  text(): string {
    return this.body().join('\n');
  }

  title(): string | null {
    const m = /^Ticket: (.+?)(?: · task \S+)?(?: {2}lines \d+.*)?$/.exec(this.body()[0] ?? '');
    return m ? m[1]!.trim() : null;
  }

  private last(): string {
    return [...this.body()].reverse().find((l) => l.trim() !== '') ?? '';
  }

  /**
   * Wait for a ticket whose title starts with `title`; type the network's name if the desk asks for it. When
   * the `x` chooser opened instead (the task's detail was not in yet), pick `choice` there (`apply`, …).
   */
  async opened(title: string, choice?: string): Promise<void> {
    await this.p.waitFor(() => (this.title() ?? '').startsWith(title) || (choice !== undefined && this.title() === 'Act on the task'), WAIT);
    if (choice !== undefined && this.title() === 'Act on the task') await this.choose(choice);
    await this.p.waitFor(() => (this.title() ?? '').startsWith(title), WAIT);
    await this.p.waitFor(() => /Inputs|Confirm the network|Type \S+ to confirm|Press y to confirm/.test(this.text()), WAIT);
    if (this.text().includes('Confirm the network for this session')) {
      this.p.write('base-sepolia');
      await this.p.waitFor(() => this.text().includes('network: base-sepolia_'), WAIT);
      this.p.write('\r');
      await this.p.waitFor(() => !this.text().includes('Confirm the network for this session'), WAIT);
    }
  }

  /** The chooser's rows: `› worker     apply  (reason)`. */
  choices(): { selected: boolean; role: string; action: string }[] {
    const body = this.body();
    const start = body.findIndex((l) => l.startsWith('Choose an action'));
    if (start < 0) return [];
    const out: { selected: boolean; role: string; action: string }[] = [];
    for (const l of body.slice(start + 1)) {
      const m = /^([› ]) (publisher|worker|requester|anyone)\s+(\S+)/.exec(l);
      if (m) out.push({ selected: m[1] === '›', role: m[2]!, action: m[3]! });
    }
    return out;
  }

  /** In the chooser: move to `action` (j/k) once it is listed (a 429 from EM can hold the detail up to a minute), and Enter. */
  async choose(action: string): Promise<void> {
    const deadline = Date.now() + 75_000;
    for (;;) {
      const rows = this.choices();
      const want = rows.findIndex((r) => r.action === action);
      const at = rows.findIndex((r) => r.selected);
      if (want >= 0 && want === at) break;
      if (Date.now() > deadline) throw new Error(`the chooser does not offer ${action}\n${this.text()}`);
      if (want >= 0 && at >= 0) this.p.write((want > at ? 'j' : 'k').repeat(Math.abs(want - at)));
      await new Promise((r) => setTimeout(r, 150));
    }
    this.p.write('\r');
    await this.p.waitFor(() => this.title() !== 'Act on the task', WAIT);
  }

  /** The input rows: label (as given by the ticket) and whether it has the focus. */
  private rows(): { focused: boolean; text: string }[] {
    const body = this.body();
    const start = body.findIndex((l) => l.startsWith('Inputs'));
    if (start < 0) return [];
    const out: { focused: boolean; text: string }[] = [];
    for (const l of body.slice(start + 1)) {
      if (l.startsWith('Checks') || l.trim() === '') break;
      if (/^[› ] \S/.test(l)) out.push({ focused: l[0] === '›', text: l.slice(2) });
    }
    return out;
  }

  /** The value shown for the field labelled `label` (a focused text field ends with its caret `_`). */
  value(label: string): string | null {
    const r = this.rows().find((x) => x.text.startsWith(label));
    return r ? r.text.slice(label.length).trim() : null;
  }

  async focus(label: string): Promise<void> {
    const deadline = Date.now() + WAIT;
    for (;;) {
      const rows = this.rows();
      const want = rows.findIndex((r) => r.text.startsWith(label));
      const at = rows.findIndex((r) => r.focused);
      if (want < 0) throw new Error(`no field "${label}"\n${this.text()}`);
      if (want === at) return;
      if (Date.now() > deadline) throw new Error(`could not focus "${label}"\n${this.text()}`);
      this.p.write(want > at ? '\t' : '\x1b[Z');
      await this.p.waitFor(() => this.rows().findIndex((r) => r.focused) !== at, 5_000).catch(() => undefined);
    }
  }

  /** Replace a text field's value. */
  async fill(label: string, value: string): Promise<void> {
    await this.focus(label);
    this.p.write('\x05\x15');
    await this.p.waitFor(() => this.value(label) === '_', 5_000);
    this.p.write(value);
    await this.p.waitFor(() => this.value(label) === `${value}_`, 5_000).catch(() => {
      throw new Error(`field "${label}" does not show ${JSON.stringify(value)}\n${this.text()}`);
    });
  }

  /** Cycle a choice field with → until its value starts with `choice`. */
  async pick(label: string, choice: string): Promise<void> {
    await this.focus(label);
    for (let i = 0; i < 30; i++) {
      const v = this.value(label) ?? '';
      if (v.startsWith(choice)) return;
      this.p.write(RIGHT);
      await this.p.waitFor(() => (this.value(label) ?? '') !== v, 5_000);
    }
    throw new Error(`choice "${label}" never showed "${choice}"\n${this.text()}`);
  }

  ask(): ReturnType<typeof askOf> {
    return askOf(this.body());
  }

  prompt(): string {
    return promptOf(this.body());
  }

  failedChecks(): string[] {
    return this.body().filter((l) => /^✗ \S/.test(l) && !/operator approval/.test(l)).map((l) => l.trim());
  }

  /** Enter on the inputs: resolves with what the confirmation line asks for. */
  async check(): Promise<{ kind: 'typed'; phrase: string } | { kind: 'press' }> {
    if (this.ask() === null) this.p.write('\r');
    await this.p.waitFor(() => this.ask() !== null, WAIT).catch(() => {
      throw new Error(`no confirmation line after Enter\n${this.text()}`);
    });
    return this.ask()!;
  }

  /** Check, wait until only the approval is missing, type the phrase (or y), and read the report. */
  async confirm(): Promise<EmOutcome & { phrase: string | null }> {
    const ask = await this.check();
    await this.p.waitFor(() => !/cannot confirm/.test(this.prompt()) && this.failedChecks().length === 0 && this.ask() !== null, WAIT).catch(() => {
      throw new Error(`the gate refuses: ${this.failedChecks().join(' | ')} ${this.prompt()}\n${this.text()}`);
    });
    if (ask.kind === 'typed') {
      this.p.write(ask.phrase);
      await this.p.waitFor(() => this.prompt().includes(`> ${ask.phrase}_`), WAIT);
      this.p.write('\r');
    } else this.p.write('y');
    return { ...(await this.outcome()), phrase: ask.kind === 'typed' ? ask.phrase : null };
  }

  /** The completion report once the market answered (or the refusal line); a 429 from EM is waited out (Retry-After up to a minute). */
  async outcome(timeoutMs = 90_000): Promise<EmOutcome> {
    const done = () => this.body().some((l) => /^(Not done|Done): /.test(l)) && this.last().startsWith('Enter or Esc closes');
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
}
