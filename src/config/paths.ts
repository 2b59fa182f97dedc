// Where the desk keeps its files (XDG base directories): config in $XDG_CONFIG_HOME/taskdesk,
// state (journal, demo wallet) in $XDG_STATE_HOME/taskdesk. Relative XDG values are ignored, per spec.
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

type Env = Record<string, string | undefined>;

function xdg(env: Env, name: string, fallback: string[]): string {
  const v = env[name];
  if (v && isAbsolute(v)) return v;
  return join(env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir(), ...fallback);
}

export function configDir(env: Env = process.env): string {
  return join(xdg(env, 'XDG_CONFIG_HOME', ['.config']), 'taskdesk');
}

export function configPath(env: Env = process.env): string {
  return join(configDir(env), 'config.json');
}

export function stateDir(env: Env = process.env): string {
  return join(xdg(env, 'XDG_STATE_HOME', ['.local', 'state']), 'taskdesk');
}
