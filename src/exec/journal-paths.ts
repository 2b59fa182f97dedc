// Where the journal lives: $XDG_STATE_HOME/taskdesk/journal.jsonl (config/paths.ts stateDir), with
// its lock file next to it, so a journal given by --path carries its own lock.
import { join } from 'node:path';
import { stateDir } from '../config/paths.js';

export const JOURNAL_FILE = 'journal.jsonl';

/** The desk's journal file. */
export function journalPath(env: Record<string, string | undefined> = process.env): string {
  return join(stateDir(env), JOURNAL_FILE);
}

/** The lock file of a journal: the same path with ".lock" appended. */
export function journalLockPath(journalFile: string): string {
  return `${journalFile}.lock`;
}
