// The pty harness itself, against a tiny stand-in program: if these fail, the desk tests mean nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { killAllPtys, spawnPty } from '../e2e-helpers/pty.js';

const echoProgram = `
process.stdout.write('\\x1b[2J\\x1b[Hready ' + process.stdout.columns + 'x' + process.stdout.rows + ' ci=' + process.env.CI + ' home=' + process.env.HOME + '\\r\\n');
process.stdin.setRawMode(true);
process.stdin.on('data', (d) => {
  const s = d.toString();
  if (s === 'q') process.exit(3);
  process.stdout.write('got ' + JSON.stringify(s) + '\\r\\n');
});
process.stdout.on('resize', () => process.stdout.write('size ' + process.stdout.columns + 'x' + process.stdout.rows + '\\r\\n'));
`;

describe('pty harness', () => {
  afterEach(() => killAllPtys());

  it('gives the child a terminal of the asked size, CI=false and a private HOME', async () => {
    const p = spawnPty({ file: process.execPath, args: ['-e', echoProgram], cols: 90, rows: 20 });
    const screen = await p.waitFor(/ready 90x20 ci=false home=\S+/);
    expect(screen).toContain(`home=${p.home}`);
    expect(p.lines()).toHaveLength(20);
  });

  it('sends named keys one per write, follows resizes, and reports the exit code', async () => {
    const p = spawnPty({ file: process.execPath, args: ['-e', echoProgram], cols: 80, rows: 24 });
    await p.waitFor('ready');
    await p.press('x', 'down', 'escape');
    await p.waitFor('got "x"');
    await p.waitFor('got "\\u001b[B"');
    await p.waitFor('got "\\u001b"');
    p.resize(100, 30);
    await p.waitFor('size 100x30');
    expect(p.lines()).toHaveLength(30);
    await p.press('q');
    expect((await p.waitForExit()).exitCode).toBe(3);
  });

  it('rejects waitFor with the screen when the text never appears', async () => {
    const p = spawnPty({ file: process.execPath, args: ['-e', echoProgram] });
    await p.waitFor('ready');
    await expect(p.waitFor('never-there', 300)).rejects.toThrow(/never-there[\s\S]*ready/);
  });
});

describe('pty harness terminal records', () => {
  afterEach(() => killAllPtys());

  it('records OSC sequences and title changes the child emits', async () => {
    const prog = `process.stdout.write('\\x1b]0;hello-title\\x07\\x1b]52;c;QUFB\\x07shown\\r\\n'); setTimeout(() => {}, 5000);`;
    const p = spawnPty({ file: process.execPath, args: ['-e', prog] });
    await p.waitFor('shown');
    expect(p.titles()).toContain('hello-title');
    expect(p.oscs()).toContainEqual({ id: 52, data: 'c;QUFB' });
    expect(p.raw()).toContain('\x1b]52;');
  });
});
