// Where a keystore's password comes from: typed into the desk, asked for at signing time, or a file
// the operator names (read at signing time, one trailing newline dropped, as `echo pw > file` leaves it).
// The password is bytes (UTF-8, not normalised, as geth and foundry use it) and never appears in a message.
import { open } from 'node:fs/promises';
import { MarketError } from '../errors.js';

export type PasswordSource =
  | { kind: 'typed'; password: string }
  | { kind: 'ask'; ask: () => Promise<string> }
  | { kind: 'file'; path: string };

const MAX_PASSWORD_FILE = 4096;

/** The password's bytes in a fresh buffer the caller zeroes after use. */
export async function readPassword(src: PasswordSource): Promise<Buffer> {
  if (src.kind === 'typed') return Buffer.from(src.password, 'utf8');
  if (src.kind === 'ask') {
    let typed: string;
    try {
      typed = await src.ask();
    } catch {
      throw new MarketError('auth', 'No password given', { reason: 'no_password' });
    }
    return Buffer.from(typed, 'utf8');
  }
  return readPasswordFile(src.path);
}

async function readPasswordFile(path: string): Promise<Buffer> {
  let raw: Buffer;
  try {
    const fh = await open(path, 'r');
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw new MarketError('auth', `Password file ${path} is not a regular file`, { reason: 'bad_password_file' });
      if (st.size > MAX_PASSWORD_FILE) throw new MarketError('auth', `Password file ${path} is larger than ${MAX_PASSWORD_FILE} bytes`, { reason: 'bad_password_file' });
      raw = await fh.readFile();
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err instanceof MarketError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new MarketError('auth', `Cannot read password file ${path} (${code})`, { reason: 'bad_password_file' });
  }
  const cut = raw.length >= 2 && raw[raw.length - 2] === 0x0d && raw[raw.length - 1] === 0x0a ? 2 : raw.at(-1) === 0x0a ? 1 : 0;
  if (cut === 0) return raw;
  const password = Buffer.from(raw.subarray(0, raw.length - cut));
  raw.fill(0);
  return password;
}
