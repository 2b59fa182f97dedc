// The bundled build's src/ui/ink-internals.ts (scripts/build.mjs swaps it in): the same Ink files as
// static imports, so they are the bundle's one copy of Ink rather than a second one loaded by URL.
import Ink from 'ink-internal:ink.js';
import Output from 'ink-internal:output.js';
import chalk from 'ink-internal:chalk';

export async function loadInkInternals() {
  return { Ink, Output, chalk };
}
