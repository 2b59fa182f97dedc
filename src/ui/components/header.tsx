// Always-on header: SIM/LIVE, READONLY, connection state with retry countdown, market, network,
// chain, USDC contract, wallet, balance, poll age; and a banner line for MISMATCH (it blocks every
// action) or the last error. Badges come first so a narrow terminal never cuts them; when the line
// does not fit, the wallet half wraps onto a second line.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { formatUsdc } from '../../core/money.js';
import { STALE_AFTER_MS } from '../../store/desk-store.js';
import type { Connection, DeskState } from '../../store/state.js';
import { useDeskContext } from '../context.js';
import { ago, countdown, shortAddress } from '../format.js';
import { useDesk } from '../hooks/use-desk.js';
import type { Glyphs } from '../theme/glyphs.js';
import type { ThemeToken } from '../theme/schema.js';
import { safe, safeAddress } from '../text.js';

export type HeaderState = Connection['status'];

/** The store marks stale on its tick; between ticks the header derives it too (guide: 60 s). */
export function headerState(status: HeaderState, lastOkAt: number | null, now: number): HeaderState {
  if (status === 'ok' && lastOkAt !== null && now - lastOkAt > STALE_AFTER_MS) return 'stale';
  return status;
}

/** The banner line, if any: the MISMATCH first, else the last error while not OK. */
export function bannerText(conn: Connection, now: number): string | null {
  if (conn.mismatch) return `MISMATCH: ${safe(conn.mismatch, 'error')} - every action is blocked`;
  const state = headerState(conn.status, conn.lastOkAt, now);
  if ((state === 'stale' || state === 'disconnected') && conn.lastError) return `last error: ${safe(conn.lastError, 'error')}`;
  return null;
}

interface Part {
  text: string;
  tone?: ThemeToken;
  strong?: boolean;
}

/** The header's two halves as plain parts (so their width is known before rendering). */
export function headerParts(conn: Connection, now: number, glyphs: Glyphs): { status: Part[]; wallet: Part[] } {
  const state = headerState(conn.status, conn.lastOkAt, now);
  const retry = conn.retryAt !== null ? `, retry in ${countdown(conn.retryAt, now).replace('ended', 'now')}` : '';
  const net = conn.network;
  const status: Part[] = [{ text: ` ${conn.badge} `, tone: conn.badge === 'SIM' ? 'badgeSim' : 'badgeLive', strong: true }];
  if (conn.readonly) status.push({ text: ' READONLY ', tone: 'warning', strong: true });
  if (state === 'ok') status.push({ text: ' OK', tone: 'positive' });
  if (state === 'connecting') status.push({ text: ` CONNECTING${retry}`, tone: 'warning' });
  if (state === 'stale') status.push({ text: ` STALE${retry} `, tone: 'warning', strong: true });
  if (state === 'disconnected') status.push({ text: ` DISCONNECTED${retry} `, tone: 'negative', strong: true });
  status.push({ text: ` ${conn.market}`, tone: 'title' });
  status.push({ text: ` ${net ? `${safe(net.networkName, 40)} (${net.chainId})` : 'network ?'}`, tone: 'text' });
  status.push({ text: ` USDC ${net ? shortAddress(safeAddress(net.usdcAddress), glyphs.ascii) : '?'}`, tone: 'muted' });
  const wallet: Part[] = [
    { text: ` wallet ${shortAddress(conn.wallet ? safeAddress(conn.wallet) : null, glyphs.ascii)}`, tone: 'text' },
    { text: ` ${conn.balance !== null ? formatUsdc(conn.balance) : '-'} USDC`, tone: 'positive' },
    { text: ` polled ${ago(conn.lastOkAt, now)}`, tone: 'muted' },
  ];
  return { status, wallet };
}

const width = (parts: Part[]) => parts.reduce((n, p) => n + p.text.length, 0);

/** Lines the header takes now at this width. */
export function headerLines(s: DeskState, columns: number, glyphs: Glyphs): number {
  const { status, wallet } = headerParts(s.conn, s.now, glyphs);
  return (width(status) + width(wallet) + 1 <= columns ? 1 : 2) + (bannerText(s.conn, s.now) === null ? 0 : 1);
}

function PartsLine({ parts }: { parts: Part[] }) {
  const { theme } = useDeskContext();
  return (
    <Box height={1} overflow="hidden">
      <Text wrap="truncate">
        {parts.map((p, i) => (
          <Text key={i} bold={p.strong} inverse={p.strong} color={p.tone ? theme.color[p.tone] : undefined}>
            {p.text}
          </Text>
        ))}
      </Text>
    </Box>
  );
}

export const Header = memo(function Header({ width: columns }: { width: number }) {
  const { theme, glyphs } = useDeskContext();
  const conn = useDesk((s) => s.conn);
  const now = useDesk((s) => s.now);
  const { status, wallet } = headerParts(conn, now, glyphs);
  const banner = bannerText(conn, now);
  const oneLine = width(status) + width(wallet) + 1 <= columns;
  return (
    <Box flexDirection="column" width={columns}>
      {oneLine ? (
        <PartsLine parts={[...status, { text: ' ' }, ...wallet]} />
      ) : (
        <>
          <PartsLine parts={status} />
          <PartsLine parts={wallet} />
        </>
      )}
      {banner !== null ? (
        <Box height={1} overflow="hidden">
          <Text bold inverse={conn.mismatch !== null} color={conn.mismatch ? theme.color.negative : theme.color.warning} wrap="truncate">
            {` ${banner} `}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
});
