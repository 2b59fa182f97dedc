// --state DIR persistence: the whole SimState as one JSON snapshot (bigint tagged as {"$bigint":"…"}),
// written atomically (temp file, fsync, rename) shortly after every change and always on close.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Sim } from './sim.js';
import type { SimState } from './state.js';

const FILE = 'sim-state.json';

export function encodeState(state: SimState): string {
  return JSON.stringify(state, (_k, v: unknown) => (typeof v === 'bigint' ? { $bigint: v.toString() } : v));
}

export function decodeState(text: string): SimState {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && keys[0] === '$bigint' && typeof o.$bigint === 'string' && /^-?[0-9]+$/.test(o.$bigint)) {
        return BigInt(o.$bigint);
      }
    }
    return v;
  }) as SimState;
}

export class FileStore {
  private sim: Sim | null = null;
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;

  constructor(
    readonly dir: string,
    private readonly delayMs = 100,
  ) {}

  /** The saved state, or null when the directory has none yet. A corrupt file is an error, not a reset. */
  async load(): Promise<SimState | null> {
    mkdirSync(this.dir, { recursive: true });
    let text: string;
    try {
      text = readFileSync(join(this.dir, FILE), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const state = decodeState(text);
    if (state?.version !== 1) throw new Error(`${join(this.dir, FILE)}: unsupported state version`);
    return state;
  }

  attach(sim: Sim): void {
    this.sim = sim;
    sim.onChange = () => this.schedule();
  }

  private schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writeNow();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Write now if anything changed (call on shutdown). */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writeNow();
  }

  private writeNow(): void {
    if (!this.sim || !this.dirty) return;
    this.dirty = false;
    this.sim.state.clockAt = this.sim.now();
    const text = encodeState(this.sim.state);
    const target = join(this.dir, FILE);
    const tmp = `${target}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  }
}
