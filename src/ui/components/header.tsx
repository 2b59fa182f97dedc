// Always-on header: market, network, chain, USDC contract, wallet, balance, poll age, SIM/LIVE,
// READONLY, connection state with retry countdown, and the MISMATCH banner (it blocks every action).
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatUsdc } from '../../core/money.js';
import { useDeskContext } from '../context.js';
import { ago, countdown, shortAddress } from '../format.js';
import { useDesk } from '../hooks/use-desk.js';
import { safe, safeAddress } from '../text.js';
import type { Connection, DeskState } from '../../store/state.js';

/** Task state older than this is stale (operator guide: 60 s). */
export const STALE_AFTER_MS = 60_000;

export type HeaderState = 'connecting' | 'ok' | 'stale' | 'disconnected';

export function headerState(status: HeaderState, lastOkAt: number | null, now: number): HeaderState {
  if (status === 'ok' && lastOkAt !== null && now - lastOkAt > STALE_AFTER_MS) return 'stale';
  return status;
}

/** The second header line, if any: the MISMATCH banner first, else the last error while not OK. */
export function bannerText(conn: Connection, now: number): string | null {
  if (conn.mismatch) return `MISMATCH: ${safe(conn.mismatch, 'error')}`;
  const state = headerState(conn.status, conn.lastOkAt, now);
  if ((state === 'stale' || state === 'disconnected') && conn.lastError) return `last error: ${safe(conn.lastError, 'error')}`;
  return null;
}

/** Lines the header takes at this moment. */
export function headerLines(s: DeskState): number {
  return bannerText(s.conn, s.now) === null ? 1 : 2;
}

export const Header = memo(function Header({ width }: { width: number }) {
  const { theme, glyphs } = useDeskContext();
  const conn = useDesk(useShallow((s) => s.conn));
  const now = useDesk((s) => s.now);
  const c = theme.color;
  const state = headerState(conn.status, conn.lastOkAt, now);
  const net = conn.network;
  const retry = conn.retryAt !== null ? `, retry in ${countdown(conn.retryAt, now).replace('ended', 'now')}` : '';
  const banner = bannerText(conn, now);
  const sep = <Text color={c.muted}> {glyphs.ascii ? '|' : '│'} </Text>;
  return (
    <Box flexDirection="column" width={width}>
      <Box height={1} overflow="hidden">
        <Text wrap="truncate">
          <Text bold color={c.title}>taskdesk</Text>
          {sep}
          <Text color={c.text}>{conn.market}</Text>
          {sep}
          <Text color={c.text}>{net ? `${safe(net.networkName, 40)} (${net.chainId})` : 'network ?'}</Text>
          {sep}
          <Text color={c.muted}>USDC </Text>
          <Text color={c.text}>{net ? shortAddress(safeAddress(net.usdcAddress), glyphs.ascii) : '?'}</Text>
          {sep}
          <Text color={c.muted}>wallet </Text>
          <Text color={c.text}>{shortAddress(conn.wallet ? safeAddress(conn.wallet) : null, glyphs.ascii)}</Text>
          {sep}
          <Text color={c.positive}>{conn.balance !== null ? `${formatUsdc(conn.balance)} USDC` : '— USDC'}</Text>
          {sep}
          <Text color={c.muted}>polled {ago(conn.lastOkAt, now)}</Text>
          {sep}
          {state === 'ok' ? <Text color={c.positive}>OK</Text> : null}
          {state === 'connecting' ? <Text color={c.warning}>CONNECTING{retry}</Text> : null}
          {state === 'stale' ? (
            <Text bold inverse color={c.warning}>
              {' '}STALE{retry}{' '}
            </Text>
          ) : null}
          {state === 'disconnected' ? (
            <Text bold inverse color={c.negative}>
              {' '}DISCONNECTED{retry}{' '}
            </Text>
          ) : null}{' '}
          <Text bold inverse color={conn.badge === 'SIM' ? c.badgeSim : c.badgeLive}>
            {' '}{conn.badge}{' '}
          </Text>
          {conn.readonly ? (
            <Text bold inverse color={c.warning}>
              {' '}READONLY{' '}
            </Text>
          ) : null}
        </Text>
      </Box>
      {banner !== null ? (
        <Box height={1} overflow="hidden">
          <Text bold inverse={conn.mismatch !== null} color={conn.mismatch ? c.negative : c.warning} wrap="truncate">
            {' '}{banner}{conn.mismatch ? ` ${glyphs.ascii ? '-' : '—'} every action is blocked` : ''}{' '}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
});
