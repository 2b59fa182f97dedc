// Everything in a session that belongs to the wallet the desk acts as: the pollers (their reader signs as
// it), Execution Market (its client signs as it, its executor id), and acting (the journal's runner for
// it, spend, reconciliation). `:act-as` closes one scope and opens another; the ticker, the fleet and the
// message sources belong to the session and stay.
import type { DeskConfig } from '../config/schema.js';
import type { DeskStore } from '../store/desk-store.js';
import { createPollers, POLLERS, type PollerOptions } from '../store/pollers.js';
import type { Scheduler } from '../store/scheduler.js';
import { startActing, type Acting } from './act.js';
import type { DeskArgs } from './args.js';
import type { Backend } from './backend.js';
import { openEm, type EmSession } from './em.js';
import { startArmed, type ArmedSession } from './armed.js';

export interface WalletScope {
  backend: Backend;
  scheduler: Scheduler;
  em: EmSession | null;
  acting: Acting | null;
  /** The armed-order engine on this wallet (null when the scope cannot act). */
  armed: ArmedSession | null;
  /** Poll this scope's feeds now. */
  kick(): void;
  stop(): void;
}

export interface OpenScopeOptions {
  store: DeskStore;
  backend: Backend;
  args: DeskArgs;
  config: DeskConfig;
  env: Record<string, string | undefined>;
  pollers?: PollerOptions;
  act: boolean;
  /** The session's refresh (after an action: balance, inbox, the task). */
  refresh: () => void;
  /** A fleet agent's scope acts with the native executor (the CLI signs only with its own keystore). */
  agent?: string | null;
}

const EM_POLLERS = ['em-network', 'em-feed', 'em-mine'];

export async function openWalletScope(o: OpenScopeOptions): Promise<WalletScope> {
  const { store, backend } = o;
  const scheduler = createPollers(store, backend.reader, { expectNetwork: backend.expectNetwork, ...o.pollers });
  scheduler.start();
  const em = backend.emBaseUrl ? await openEm(store, backend) : null;
  const args = o.agent ? { ...o.args, executor: 'native' as const } : o.args;
  const acting = o.act
    ? await startActing({ store, backend, args, config: o.config, env: o.env, refresh: o.refresh, em }).catch((err: unknown) => {
        store.getState().setAct({ blocked: err instanceof Error ? err.message : String(err) });
        return null;
      })
    : null;
  const armed = o.act ? startArmed({ store, backend, acting, agent: o.agent ?? null, refresh: o.refresh }) : null;
  return {
    backend,
    scheduler,
    em,
    acting,
    armed,
    kick() {
      for (const n of POLLERS) scheduler.kick(n);
      if (em) for (const n of EM_POLLERS) em.pollers.scheduler.kick(n);
    },
    stop() {
      // Timers first: no order fires into a journal that is closing.
      armed?.stop();
      acting?.close();
      em?.stop();
      scheduler.stop();
    },
  };
}
