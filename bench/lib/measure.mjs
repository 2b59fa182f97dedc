// Small measuring tools for the desk benchmark: /proc readings, statistics, a seeded sim process,
// and finding the Feed's selected row in a headless xterm.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './pty.mjs';

let clkTck = 100;
try {
  clkTck = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // 100 is the Linux default
}

/** utime+stime of a process in ms (/proc/<pid>/stat fields 14 and 15). */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime is field 14 → index 11, stime field 15 → index 12.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clkTck;
}

/** VmRSS in KiB. */
export function rssKiB(pid) {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function median(xs) {
  return percentile(xs, 50);
}

export function percentile(xs, p) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const idx = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[idx];
}

/** Start bench/lib/seed-sim.mjs; resolves with {url, stop} once its rows are seeded. */
export function startSeedSim(args) {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bench', 'lib', 'seed-sim.mjs'), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let requests = 0;
  let resolved = false;
  const stop = () =>
    new Promise((res) => {
      if (child.exitCode !== null || child.signalCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGKILL');
    });
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const counts = [...d.matchAll(/^requests (\d+)$/gm)];
      if (counts.length) requests = Number(counts[counts.length - 1][1]);
      if (resolved) {
        out = '';
        return;
      }
      const url = /^taskdesk sim listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out)?.[1];
      if (url && /^seeded \d+$/m.test(out)) {
        resolved = true;
        resolve({ url, stop, pid: child.pid, requests: () => requests });
      }
    });
    child.on('exit', (code) => reject(new Error(`seed sim exited ${code}: ${out}${err}`)));
  });
}

const TOP_LEFT = new Set(['╭', '┌', '╔', '┏', '+']);
const TOP_RIGHT = new Set(['╮', '┐', '╗', '┓', '+']);
const BOTTOM_LEFT = new Set(['╰', '└', '╚', '┗', '+']);

/** The bordered box around the first occurrence of `title` (on its border or first inner row). */
export function findBox(term, title) {
  const buf = term.buffer.active;
  const row = (y) => buf.getLine(buf.viewportY + y);
  const ch = (y, x) => row(y)?.getCell(x)?.getChars() ?? '';
  for (let y = 0; y < term.rows; y++) {
    const text = row(y)?.translateToString(false) ?? '';
    const col = text.indexOf(title);
    if (col < 0) continue;
    for (let top = y; top >= Math.max(0, y - 1); top--) {
      for (let left = col - 1; left >= 0; left--) {
        if (!TOP_LEFT.has(ch(top, left))) continue;
        let right = -1;
        for (let x = left + 1; x < term.cols; x++) if (TOP_RIGHT.has(ch(top, x))) { right = x; break; }
        if (right <= col) continue;
        let bottom = -1;
        for (let yy = top + 1; yy < term.rows; yy++) if (BOTTOM_LEFT.has(ch(yy, left))) { bottom = yy; break; }
        if (bottom < 0) continue;
        return { top, left, bottom, right, titleRow: y };
      }
    }
  }
  return null;
}

/**
 * A string that changes exactly when the Feed's selection moves: the first row inside the Feed box that
 * carries the pointer glyph or an inverse/background-coloured cell, with its index and text.
 */
export function selectedRow(term, pointer = ['›', '>']) {
  const box = findBox(term, 'Feed');
  if (!box) return null;
  const buf = term.buffer.active;
  const cell = buf.getNullCell();
  for (let y = Math.max(box.top + 1, box.titleRow + 1); y < box.bottom; y++) {
    const line = buf.getLine(buf.viewportY + y);
    if (!line) continue;
    const text = line.translateToString(true, box.left + 1, box.right);
    let marked = pointer.some((p) => text.trimStart().startsWith(p));
    for (let x = box.left + 1; !marked && x < box.right; x++) {
      line.getCell(x, cell);
      if (cell.isInverse() || !cell.isBgDefault()) marked = true;
    }
    if (marked) return `${y}:${text}`;
  }
  return null;
}

export function fmt(n, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
}
