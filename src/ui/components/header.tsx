// Always-on header: SIM/LIVE, READONLY, connection state with retry countdown, market, network,
// chain, USDC contract, wallet, balance, poll age; and a banner line for MISMATCH (it blocks every
// action) or the last error. Badges come first so a narrow terminal never cuts them; when the line
// does not fit, the wallet half wraps onto a second line.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { describeClock } from '../../core/market-clock.js';
import { formatUsdc } from '../../core/money.js';
import { STALE_AFTER_MS } from '../../store/desk-store.js';
import type { Connection, DeskState, EmState } from '../../store/state.js';
import { useDeskContext } from '../context.js';
import { ago, countdown, shortAddress } from '../format.js';
import { useDesk } from '../hooks/use-desk.js';
import type { Glyphs } from '../theme/glyphs.js';
import type { ThemeToken } from '../theme/schema.js';
import { safe, safeAddress } from '../text.js';

export type HeaderState = Connection['status'];

/** The store marks stale on its tick; between ticks the header derives it too (guide: 60 s). `wallNow`: this machine's time. */
export function headerState(status: HeaderState, lastOkAt: number | null, wallNow: number): HeaderState {
  if (status === 'ok' && lastOkAt !== null && wallNow - lastOkAt > STALE_AFTER_MS) return 'stale';
  return status;
}

/** The banner line, if any: the MISMATCH first, then the last error while not OK, then why the desk cannot act. */
export function bannerText(conn: Connection, wallNow: number, blocked: string | null = null, emMismatch: string | null = null): string | null {
  if (conn.mismatch) return `MISMATCH: ${safe(conn.mismatch, 'error')} - every action is blocked`;
  if (emMismatch) return `EM MISMATCH: ${safe(emMismatch, 'error')} - every Execution Market action is blocked`;
  // A market fault outranks a standing reason not to act (no wallet, a locked journal): it is news.
  const state = headerState(conn.status, conn.lastOkAt, wallNow);
  if ((state === 'stale' || state === 'disconnected') && conn.lastError) return `last error: ${safe(conn.lastError, 'error')}${conn.status === 'disconnected' ? '  (R retries now)' : ''}`;
  if (blocked) return `cannot act: ${safe(blocked, 'error')}`;
  return null;
}

interface Part {
  text: string;
  tone?: ThemeToken;
  strong?: boolean;
}

export interface HeaderExtras {
  /** What the market clock estimate says, when it is worth saying (core/market-clock.ts describeClock). */
  clock: string | null;
  /** Config problems exist (they stay listed in help until the file is fixed). */
  configProblems: number;
  /** The second market, when the desk has it open: its network and how it is fed. */
  em?: Pick<EmState, 'enabled' | 'network' | 'mismatch' | 'live' | 'lastError' | 'lastOkAt'> | null;
}

/** ` | EM base-sepolia push`: Execution Market's own network and whether /ws or polling feeds it. */
export function emPart(em: HeaderExtras['em'], wallNow: number): Part | null {
  if (!em?.enabled) return null;
  if (em.mismatch) return { text: ' | EM MISMATCH ', tone: 'negative', strong: true };
  const down = em.lastError !== null && (em.lastOkAt === null || wallNow - em.lastOkAt > STALE_AFTER_MS);
  if (down) return { text: ' | EM DOWN', tone: 'negative' };
  return { text: ` | EM ${em.network ? safe(em.network.name, 24) : 'network ?'} ${em.live}`, tone: 'text' };
}

/** The header's two halves as plain parts (so their width is known before rendering). */
export function headerParts(conn: Connection, wallNow: number, glyphs: Glyphs, extras: HeaderExtras = { clock: null, configProblems: 0 }): { status: Part[]; wallet: Part[] } {
  const state = headerState(conn.status, conn.lastOkAt, wallNow);
  const retry = conn.retryAt !== null ? `, retry in ${countdown(conn.retryAt, wallNow).replace('ended', 'now')}` : '';
  const net = conn.network;
  const status: Part[] = [{ text: ` ${conn.badge} `, tone: conn.badge === 'SIM' ? 'badgeSim' : 'badgeLive', strong: true }];
  if (conn.badge === 'LIVE' && isLoopback(conn.apiUrl)) status.push({ text: ' local', tone: 'muted' });
  if (conn.readonly) status.push({ text: ' READONLY ', tone: 'warning', strong: true });
  if (extras.configProblems > 0) status.push({ text: ' CONFIG? ', tone: 'warning', strong: true });
  if (state === 'ok') status.push({ text: ' OK', tone: 'positive' });
  if (state === 'connecting') status.push({ text: ` CONNECTING${retry}`, tone: 'warning' });
  if (state === 'stale') status.push({ text: ` STALE${retry} `, tone: 'warning', strong: true });
  if (state === 'disconnected') status.push({ text: ` DISCONNECTED${retry} `, tone: 'negative', strong: true });
  status.push({ text: ` ${conn.market}`, tone: 'title' });
  status.push({ text: ` ${net ? `${safe(net.networkName, 40)} (${net.chainId})` : 'network ?'}`, tone: 'text' });
  status.push({ text: ` USDC ${net ? shortAddress(safeAddress(net.usdcAddress), glyphs.ascii) : '?'}`, tone: 'muted' });
  const emBit = emPart(extras.em, wallNow);
  if (emBit) status.push(emBit);
  if (extras.clock) status.push({ text: ` ${extras.clock}`, tone: 'warning' });
  const wallet: Part[] = conn.wallet
    ? [
        conn.agent
          ? { text: ` as ${safe(conn.agent, 40)} ${shortAddress(safeAddress(conn.wallet), glyphs.ascii)}`, tone: 'accent', strong: false }
          : { text: ` wallet ${shortAddress(safeAddress(conn.wallet), glyphs.ascii)}`, tone: 'text' },
        { text: ` ${conn.balance !== null ? formatUsdc(conn.balance) : glyphs.ascii ? '...' : '…'} USDC`, tone: 'positive' },
      ]
    : [{ text: ' no wallet (read-only: taskmarket init makes one)', tone: 'warning' }];
  wallet.push({ text: ` polled ${ago(conn.lastOkAt, wallNow)}`, tone: 'muted' });
  // This machine's clock, as htop shows it: an operator glancing at the desk knows what "now" is.
  wallet.push({ text: ` ${clockTime(wallNow)}`, tone: 'muted' });
  return { status, wallet };
}

function clockTime(at: number): string {
  const d = new Date(at);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

const width = (parts: Part[]) => parts.reduce((n, p) => n + p.text.length, 0);

/** Notices about the operator's own files (config, theme, keymap): CONFIG? stays up while any is listed. */
export const isConfigProblem = (notice: string): boolean => /^(config|theme|keymap)\b/.test(notice);

const extrasOf = (s: DeskState): HeaderExtras => ({ clock: describeClock(s.clock), configProblems: s.notices.filter(isConfigProblem).length, em: s.em });

/** Lines the header takes now at this width. */
export function headerLines(s: DeskState, columns: number, glyphs: Glyphs): number {
  const { status, wallet } = headerParts(s.conn, s.wallNow, glyphs, extrasOf(s));
  return (width(status) + width(wallet) + 1 <= columns ? 1 : 2) + (bannerText(s.conn, s.wallNow, s.act.blocked, s.em.mismatch) === null ? 0 : 1);
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    return false;
  }
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
  const wallNow = useDesk((s) => s.wallNow);
  const clock = useDesk((s) => describeClock(s.clock));
  const configProblems = useDesk((s) => s.notices.filter(isConfigProblem).length);
  const em = useDesk(useShallow((s) => ({ enabled: s.em.enabled, network: s.em.network, mismatch: s.em.mismatch, live: s.em.live, lastError: s.em.lastError, lastOkAt: s.em.lastOkAt })));
  const { status, wallet } = headerParts(conn, wallNow, glyphs, { clock, configProblems, em });
  const blocked = useDesk((s) => s.act.blocked);
  const banner = bannerText(conn, wallNow, blocked, em.mismatch);
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
