// Test harness: renders the desk through Ink (debug mode: every frame written whole) into a fake
// TTY of any size, with a writable stdin. No network; the store is built directly.
import { EventEmitter } from 'node:events';
import { render } from 'ink';
import { createDeskStore, type DeskStore } from '../../src/store/desk-store.js';
import type { Task } from '../../src/core/types.js';
import { taskWith } from '../fixtures/task.js';
import { App } from '../../src/ui/app.js';
import type { DeskActions } from '../../src/ui/context.js';
import { buildKeymap, type Overrides } from '../../src/ui/keys/keymap.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/ui/theme/glyphs.js';
import { loadTheme } from '../../src/ui/theme/load.js';
import { createUiStore, type UiStore } from '../../src/ui/ui-store.js';

export const T0 = Date.UTC(2026, 10, 22, 4, 0, 0);

export class FakeStdout extends EventEmitter {
  isTTY = true;
  frames: string[] = [];
  constructor(public columns: number, public rows: number) {
    super();
  }
  write = (chunk: string) => {
    this.frames.push(chunk);
    return true;
  };
  lastFrame = () => this.frames.at(-1) ?? '';
}

export class FakeStdin extends EventEmitter {
  isTTY = true;
  data: string | null = null;
  write = (data: string) => {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
  read = () => {
    const d = this.data;
    this.data = null;
    return d;
  };
}

export function makeTask(p: Partial<Task> & { id: string }): Task {
  return taskWith({ description: `task ${p.id}`, expiryTime: T0 + 48 * 3_600_000, createdAt: T0 - 3_600_000 }, p);
}

export function makeStore(tasks: Task[] = [], opts: { wallet?: `0x${string}` } = {}): DeskStore {
  const store = createDeskStore({ badge: 'SIM', apiUrl: 'http://127.0.0.1:1', wallet: opts.wallet ?? null, now: T0 });
  store.getState().setFeed(tasks, false, T0 - 60_000);
  store.getState().setConn({ network: { networkName: 'base-sepolia', chainId: 84532, usdcAddress: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' } });
  store.getState().connOk(T0 - 2_000);
  return store;
}

export interface Mounted {
  stdout: FakeStdout;
  stdin: FakeStdin;
  ui: UiStore;
  store: DeskStore;
  frame: () => string;
  press: (...keys: string[]) => Promise<void>;
  type: (text: string) => Promise<void>;
  exited: () => boolean;
  unmount: () => void;
}

export const KEY = { esc: '\u001b', enter: '\r', tab: '\t', shiftTab: '\u001b[Z', down: '\u001b[B', up: '\u001b[A', pgdn: '\u001b[6~', backspace: '\u007f' };

/** Let React and Ink commit (React 19's scheduler runs on setImmediate in Node). */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(() => setTimeout(r, 0)));
}

export async function mount(
  store: DeskStore,
  opts: { columns?: number; rows?: number; theme?: string; ascii?: boolean; keymap?: Overrides; actions?: DeskActions; env?: NodeJS.ProcessEnv } = {},
): Promise<Mounted> {
  const stdout = new FakeStdout(opts.columns ?? 120, opts.rows ?? 40);
  const stdin = new FakeStdin();
  const ui = createUiStore();
  const { theme } = loadTheme(opts.theme ?? 'default', { env: opts.env ?? {} });
  const { keymap } = buildKeymap(opts.keymap ?? {});
  let exited = false;
  const instance = render(
    <App store={store} ui={ui} theme={theme} glyphs={opts.ascii ? ASCII_GLYPHS : UNICODE_GLYPHS} keymap={keymap} actions={opts.actions ?? { bell: () => {} }} />,
    { stdout: stdout as never, stdin: stdin as never, stderr: new FakeStdout(80, 24) as never, debug: true, exitOnCtrlC: true, patchConsole: false },
  );
  void instance.waitUntilExit().then(() => {
    exited = true;
  });
  await settle();
  const press = async (...keys: string[]) => {
    for (const k of keys) {
      stdin.write(k);
      await settle();
    }
  };
  return {
    stdout,
    stdin,
    ui,
    store,
    frame: () => stdout.lastFrame(),
    press,
    type: async (text: string) => press(...Array.from(text)),
    exited: () => exited,
    unmount: () => instance.unmount(),
  };
}
