// Devices and agents: the simulator's side of `taskmarket init` (taskmarket-cli.md §3.3, backend §1.10, §6.4).
// Other route modules authenticate device credentials through `accountsOf(sim).deviceWallet(id, token)`.
import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import { getAddress } from 'viem';
import type { SimState } from '../../state.js';
import { accountsData, type AccountsData, type AgentRecord, type DeviceRecord } from './records.js';

/** The backend's device-credential failures ("Device not found" / "Invalid token" / "Device has been revoked"). */
export class DeviceAuthError extends Error {
  override name = 'DeviceAuthError';
}

/** What Accounts needs from the Sim (kept narrow so it can be unit-tested over a bare state). */
export interface AccountsHost {
  state: SimState;
  now(): number;
  uuid(): string;
  changed(): void;
}

export interface RegisteredDevice {
  deviceId: string;
  apiToken: string;
  deviceEncryptionKey: string;
  agentId: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class Accounts {
  /** Email sends per agent, wall-clock ms (in memory like the backend's limiter, §5.1). */
  readonly emailSends = new Map<string, number[]>();

  constructor(private readonly host: AccountsHost) {}

  get data(): AccountsData {
    return accountsData(this.host.state);
  }

  /** DEK = HKDF-SHA256(master, salt "", info = deviceId): the same key for a device every time (§1.10). */
  deviceKey(deviceId: string): string {
    const master = Buffer.from(this.data.masterKey, 'hex');
    return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), Buffer.from(deviceId, 'utf8'), 32)).toString('hex');
  }

  /** Register a device for a wallet whose signature the caller has already verified. */
  registerDevice(walletAddress: string, publicKey: string | null): RegisteredDevice {
    const wallet = getAddress(walletAddress);
    const deviceId = this.host.uuid();
    const apiToken = randomBytes(32).toString('hex');
    const record: DeviceRecord = {
      id: deviceId,
      tokenHash: sha256(apiToken),
      walletAddress: wallet,
      publicKey,
      createdAt: this.host.now(),
      revokedAt: null,
    };
    this.data.devices[deviceId] = record;
    const agent = this.ensureAgent(wallet, 'cli');
    this.mintAgentId(agent);
    this.host.changed();
    return { deviceId, apiToken, deviceEncryptionKey: this.deviceKey(deviceId), agentId: agent.agentId };
  }

  /** The device for these credentials; throws DeviceAuthError with the backend's text. */
  authDevice(deviceId: unknown, apiToken: unknown): DeviceRecord {
    const device = typeof deviceId === 'string' ? this.data.devices[deviceId] : undefined;
    if (!device) throw new DeviceAuthError('Device not found');
    if (typeof apiToken !== 'string' || sha256(apiToken) !== device.tokenHash) throw new DeviceAuthError('Invalid token');
    if (device.revokedAt !== null) throw new DeviceAuthError('Device has been revoked');
    return device;
  }

  /** The wallet behind device credentials, or null when they do not authenticate. */
  deviceWallet(deviceId: unknown, apiToken: unknown): string | null {
    try {
      return this.authDevice(deviceId, apiToken).walletAddress;
    } catch {
      return null;
    }
  }

  agent(address: string): AgentRecord | null {
    return this.data.agents[address.toLowerCase()] ?? null;
  }

  agentById(agentId: string): AgentRecord | null {
    return Object.values(this.data.agents).find((a) => a.agentId === agentId) ?? null;
  }

  ensureAgent(address: string, via: AgentRecord['registeredVia']): AgentRecord {
    const key = address.toLowerCase();
    let agent = this.data.agents[key];
    if (!agent) {
      agent = {
        address: getAddress(address),
        agentId: null,
        registeredVia: via,
        emailAddress: null,
        withdrawalAddress: null,
        skills: [],
        xmtpInboxId: null,
        xmtpLastSeenAt: null,
        createdAt: this.host.now(),
      };
      this.data.agents[key] = agent;
      this.host.changed();
    }
    return agent;
  }

  /** Give the agent its ERC-8004 id (the backend mints it in the background; the sim does it at once). */
  mintAgentId(agent: AgentRecord): { agentId: string; alreadyRegistered: boolean } {
    if (agent.agentId) return { agentId: agent.agentId, alreadyRegistered: true };
    agent.agentId = String(this.data.nextAgentId++);
    this.host.changed();
    return { agentId: agent.agentId, alreadyRegistered: false };
  }
}

const cache = new WeakMap<AccountsHost, Accounts>();

/** The Accounts view of a sim (one per sim object). */
export function accountsOf(host: AccountsHost): Accounts {
  let a = cache.get(host);
  if (!a) cache.set(host, (a = new Accounts(host)));
  return a;
}
