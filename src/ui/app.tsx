// The desk: header, four panes (or the open view / help), footer. One key router owns the keyboard
// (hooks/use-key-router.ts); its order is the input priority: a text line, help, the open view, the
// focused pane, then the global commands.
import { Box, useApp } from 'ink';
import { useMemo, useRef } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { DeskState } from '../store/state.js';
import { Footer } from './components/footer.js';
import { Header, headerLines } from './components/header.js';
import { TextLine } from './components/text-line.js';
import { TooSmall } from './components/too-small.js';
import { safe } from './text.js';
import { DeskContext, useDeskContext, type DeskActions, type DeskContextValue } from './context.js';
import { useAlertBell } from './hooks/use-alert-bell.js';
import { useDesk, useUi } from './hooks/use-desk.js';
import { useKeyRouter } from './hooks/use-key-router.js';
import { useNoticeFlash } from './hooks/use-notice-flash.js';
import { useTerminalSize, type Size } from './hooks/use-terminal-size.js';
import type { Keymap } from './keys/keymap.js';
import { computeLayout, tooSmall } from './layout.js';
import { HelpOverlay } from './overlays/help-overlay.js';
import { Panes } from './panes/panes.js';
import { shortId } from './panes/feed-row.js';
import type { Glyphs } from './theme/glyphs.js';
import type { Theme } from './theme/schema.js';
import { createUiStore, type UiStore } from './ui-store.js';
import { OpenView } from './views/open-view.js';
import { OrdersView } from './views/orders-view.js';
import { TicketView } from './tickets/ticket-view.js';

export interface AppProps {
  store: StoreApi<DeskState>;
  theme: Theme;
  glyphs: Glyphs;
  keymap: Keymap;
  actions?: DeskActions;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: Size;
  /** A UI store to use (tests inspect it); a fresh one otherwise. */
  ui?: UiStore;
}

export function App(props: AppProps) {
  const { exit } = useApp();
  const ui = useMemo(() => props.ui ?? createUiStore(), [props.ui]);
  const value = useMemo<DeskContextValue>(
    () => ({ store: props.store, ui, theme: props.theme, glyphs: props.glyphs, keymap: props.keymap, actions: props.actions ?? {}, exit: () => exit() }),
    [props.store, ui, props.theme, props.glyphs, props.keymap, props.actions, exit],
  );
  return (
    <DeskContext.Provider value={value}>
      <Desk size={props.size} />
    </DeskContext.Provider>
  );
}

function Desk({ size: fixed }: { size: Size | undefined }) {
  const size = useTerminalSize(fixed);
  const ctx = useDeskContext();
  const { store, glyphs } = ctx;
  // What :clear returns to: the filters the desk started with.
  const initial = useRef({ filter: store.getState().filter, sort: store.getState().sort });
  const routerCtx = useMemo(
    () => ({ store, ui: ctx.ui, keymap: ctx.keymap, actions: ctx.actions, exit: ctx.exit, initial: initial.current }),
    [store, ctx.ui, ctx.keymap, ctx.actions, ctx.exit],
  );
  useKeyRouter(routerCtx);
  useAlertBell();
  useNoticeFlash();
  const chrome = useDesk((s) => headerLines(s, size.columns, glyphs)) + 1;
  const overlay = useUi((s) => s.overlay);
  const hasView = useUi((s) => s.view !== null);
  const ordersView = useUi((s) => s.view?.kind === 'orders');
  const ticket = useUi((s) => s.ticket);
  const input = useUi((s) => (s.input?.kind === 'palette' || s.input?.kind === 'target' || s.input?.kind === 'password' ? s.input : null));
  if (tooSmall(size.columns, size.rows)) return <TooSmall columns={size.columns} rows={size.rows} />;
  const layout = computeLayout(size.columns, size.rows, chrome);
  const body =
    overlay?.kind === 'help' ? <HelpOverlay rect={layout.body} /> : ticket ? <TicketView rect={layout.body} ticket={ticket} /> : hasView ? (ordersView ? <OrdersView rect={layout.body} /> : <OpenView rect={layout.body} />) : <Panes layout={layout} />;
  const prompt =
    input?.kind === 'target'
      ? `target for ${shortId(input.taskId ?? '', glyphs, 14)} (USDC, empty clears): `
      : input?.kind === 'password'
        ? `password for ${safe(input.agent ?? '', 40)}'s keystore (not shown, Esc cancels): `
        : ':';
  // A password is drawn as one mask character per character typed, never as itself.
  const shown = input?.kind === 'password' ? { ...input, value: '*'.repeat(Array.from(input.value).length) } : input;
  return (
    <Box flexDirection="column" width={size.columns}>
      <Header width={size.columns} />
      {body}
      {input ? (
        <Box height={1} width={size.columns} overflow="hidden">
          <TextLine prompt={prompt} input={shown!} placeholder={input.kind === 'palette' ? 'mode auction · status open · type rev-dutch · sort price · goto 0x12 · clear  (Tab completes)' : undefined} />
        </Box>
      ) : (
        <Footer width={size.columns} />
      )}
    </Box>
  );
}
