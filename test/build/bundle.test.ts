// The bundled CLI (scripts/bundle.mjs → dist/bundle/, what bin/taskdesk runs): it starts, draws a live
// desk in a real pty (own simulator with bots, and `taskdesk sim` + --api), its stack traces name src/
// files through the source maps, and Ink's text caches carry their bounds. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimProcess, type SimProcess } from '../e2e-helpers/proc.js';
import { BIN, REPO_ROOT, spawnPty, type PtySession } from '../e2e-helpers/pty.js';

const BUNDLE = join(REPO_ROOT, 'dist', 'bundle');
const bundleJs = () => readdirSync(BUNDLE).filter((f) => f.endsWith('.js'));
const liveRows = /0x[0-9a-f]{7}…/;

let desk: PtySession | null = null;
let sim: SimProcess | null = null;
afterEach(async () => {
  desk?.kill();
  desk = null;
  await sim?.stop();
  sim = null;
});

describe('the bundled build', () => {
  it('exists with a source map per file, and bin/taskdesk runs it (not tsc output)', () => {
    expect(existsSync(join(BUNDLE, 'cli.js'))).toBe(true);
    for (const f of bundleJs()) expect(existsSync(join(BUNDLE, `${f}.map`)), f).toBe(true);
    // NODE_DEBUG=esm has Node name every module it loads: the bundle's entry, never tsc's dist/cli.js.
    const r = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NODE_DEBUG: 'esm' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/taskdesk/);
    expect(r.stderr).toContain('dist/bundle/cli.js');
    expect(r.stderr).not.toMatch(/dist\/cli\.js/);
    // React's development build is not in the bundle: any other NODE_ENV runs tsc's per-file dist/.
    const dev = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NODE_DEBUG: 'esm', NODE_ENV: 'development' } });
    expect(dev.status).toBe(0);
    expect(dev.stderr).toMatch(/dist\/cli\.js/);
    expect(dev.stderr).not.toContain('dist/bundle/');
  });

  it('a stack trace from inside the bundle names the src/ file and line', () => {
    const script = `process.setSourceMapsEnabled(true); const m = await import(${JSON.stringify(join(BUNDLE, 'cli.js'))}); try { await m.main(null); } catch (e) { console.log(e.stack); }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stdout).toMatch(/TypeError/);
    expect(r.stdout).toMatch(/src\/cli\.ts:\d+:\d+/);
  });

  it("bounds Ink's measure-text and wrap-text caches and answers string widths fast", () => {
    const text = bundleJs().map((f) => readFileSync(join(BUNDLE, f), 'utf8')).join('\n');
    // esbuild reprints (and minifies) the patched source: 2000 → 2e3, if → &&; the shape stays.
    expect(text).toMatch(/\b(cache\w*)\.size\s*>=\s*(?:2e3|2000)\s*(?:\)|&&)\s*\1\.clear\(\)\s*[;,]\s*\1\.set\(text,\s*dimensions\)/);
    expect(text).toMatch(/\+\+cacheSize\s*>\s*(?:2e3|2000)\s*\)\s*\{\s*for\s*\((?:const|let) k in (cache\w*)\)\s*delete \1\[k\];\s*cacheSize\s*=\s*1;?\s*\}/);
    expect(text).toContain('function __tdStringWidthSlow(');
  });

  it('`npm start` path: the bundled desk with its own simulator and bots draws live task rows in a pty', async () => {
    desk = spawnPty({ cols: 120, rows: 40 });
    const screen = await desk.waitFor((s) => s.includes('Feed') && liveRows.test(s), 30_000);
    expect(screen).toContain('SIM');
    expect(screen).not.toMatch(/bots are not available/);
  }, 45_000);

  it('`taskdesk sim` from the bundle, and the desk against it with --api, draws the live desk', async () => {
    sim = await startSimProcess(['--bots', '2']);
    desk = spawnPty({ cols: 120, rows: 40, args: ['--api', sim.url] });
    const screen = await desk.waitFor((s) => s.includes('Feed') && s.includes('LIVE') && /polled \d+s ago/.test(s), 30_000);
    expect(screen).toContain('Clocks');
  }, 45_000);
});
