// The account-side rows the simulator keeps inside `SimState.accounts` (devices, agents, emails, XMTP),
// shaped after the backend's tables (taskmarket-backend.md §8). Everything is JSON-able so --state persists it.
import { randomBytes } from 'node:crypto';
import type { SimState } from '../../state.js';

export interface DeviceRecord {
  id: string;
  /** sha256 hex of the API token: the backend stores only the hash (§8 `devices.api_token_hash`). */
  tokenHash: string;
  /** Checksummed wallet the device signed for. */
  walletAddress: string;
  /** Compressed secp256k1 public key, hex without 0x, as `init` sends it. */
  publicKey: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface AgentRecord {
  /** Checksummed address. */
  address: string;
  agentId: string | null;
  registeredVia: 'cli' | 'web' | 'device';
  emailAddress: string | null;
  withdrawalAddress: string | null;
  skills: string[];
  xmtpInboxId: string | null;
  xmtpLastSeenAt: number | null;
  createdAt: number;
}

export interface EmailRecord {
  id: string;
  messageId: string;
  fromAddress: string;
  toAddress: string;
  /** Lower-case wallet of the mailbox owner. */
  agentAddress: string;
  subject: string | null;
  bodyText: string | null;
  bodyHtml: string | null;
  isRead: boolean;
  receivedAt: number;
}

export interface XmtpInstallationRecord {
  agentAddress: string;
  deviceId: string;
  inboxId: string;
  installationId: string;
  dbPath: string | null;
  clientVersion: string | null;
  status: 'active' | 'revoked';
  lastSeenAt: number;
}

export interface AccountsData {
  /** HKDF master secret behind every device encryption key (hex); persisted so DEKs survive a restart. */
  masterKey: string;
  devices: Record<string, DeviceRecord>;
  /** Keyed by lower-case address. */
  agents: Record<string, AgentRecord>;
  nextAgentId: number;
  emails: EmailRecord[];
  xmtpInstallations: XmtpInstallationRecord[];
}

/** The typed accounts slot of a sim state, created with defaults on first use. */
export function accountsData(state: SimState): AccountsData {
  const a = state.accounts as Partial<AccountsData>;
  a.masterKey ??= randomBytes(32).toString('hex');
  a.devices ??= {};
  a.agents ??= {};
  a.nextAgentId ??= 101;
  a.emails ??= [];
  a.xmtpInstallations ??= [];
  return a as AccountsData;
}
