// Ink internals the desk patches or builds on (not in Ink's exports map): the Ink class render() uses,
// the Output class whose caches we share, and the chalk instance Ink colours with. Resolved by URL next
// to Ink's index here (tsc's dist/, vitest); the bundled build swaps this module for static imports of
// the same files (scripts/ink-internals.bundle.ts), so the bundle has exactly one Ink, React and chalk.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

export interface InkInternals {
  /** ink/build/ink.js default export, or undefined. */
  Ink: unknown;
  /** ink/build/output.js default export, or undefined. */
  Output: unknown;
  /** Ink's chalk default export, or undefined. */
  chalk: unknown;
}

const inkIndex = (): string => createRequire(import.meta.url).resolve('ink');

async function defaultOf(load: () => string): Promise<unknown> {
  try {
    return ((await import(load())) as { default?: unknown }).default;
  } catch {
    return undefined;
  }
}

export async function loadInkInternals(): Promise<InkInternals> {
  const [Ink, Output, chalk] = await Promise.all([
    defaultOf(() => new URL('./ink.js', pathToFileURL(inkIndex())).href),
    defaultOf(() => new URL('./output.js', pathToFileURL(inkIndex())).href),
    defaultOf(() => pathToFileURL(createRequire(inkIndex()).resolve('chalk')).href),
  ]);
  return { Ink, Output, chalk };
}
