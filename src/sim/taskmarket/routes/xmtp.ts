// XMTP bookkeeping routes (taskmarket-backend.md §1.10 xmtp.router; taskmarket-cli.md §6.1). The sim keeps
// installation metadata only; messages themselves never pass through the backend.
import { z } from 'zod';
import { accountsOf, DeviceAuthError } from '../accounts/accounts.js';
import type { XmtpInstallationRecord } from '../accounts/records.js';
import { writeRoute } from '../idempotency.js';
import { ok, trpcError, type Route, type SimReply, type SimRequest } from '../../router.js';
import { noteActor, type Sim } from '../../sim.js';

function authed(sim: Sim, req: SimRequest, deviceId: unknown, apiToken: unknown): string | SimReply {
  try {
    const wallet = accountsOf(sim).authDevice(deviceId, apiToken).walletAddress;
    noteActor(req, wallet);
    return wallet;
  } catch (err) {
    if (err instanceof DeviceAuthError) return trpcError(401, err.message);
    throw err;
  }
}

/** GETs accept the token as `apiToken`, `x-taskmarket-api-token` or `Authorization: Bearer` (§6.4). */
function queryToken(req: SimRequest): string | undefined {
  const h = req.headers['x-taskmarket-api-token'];
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  return req.query.get('apiToken') ?? (Array.isArray(h) ? h[0] : h) ?? bearer;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const heartbeat = writeRoute({
  path: '/api/xmtp/heartbeat',
  schema: z.object({ deviceId: z.string().min(1), apiToken: z.string().min(1), installationId: z.string().min(1) }),
  handle(body, req, sim) {
    const wallet = authed(sim, req, body.deviceId, body.apiToken);
    if (typeof wallet !== 'string') return wallet;
    const inst = accountsOf(sim).data.xmtpInstallations.find(
      (i) => i.installationId === body.installationId && i.agentAddress === wallet.toLowerCase(),
    );
    if (!inst) return trpcError(404, 'Installation not found');
    inst.lastSeenAt = sim.now();
    const agent = accountsOf(sim).agent(wallet);
    if (agent) agent.xmtpLastSeenAt = inst.lastSeenAt;
    sim.changed();
    return ok({ ok: true });
  },
});

export const routes: Route<Sim>[] = [
  writeRoute({
    path: '/api/xmtp/bootstrap',
    schema: z.object({
      deviceId: z.string().min(1),
      apiToken: z.string().min(1),
      inboxId: z.string().min(1),
      installationId: z.string().min(1),
      dbPath: z.string().min(1).optional(),
      clientVersion: z.string().min(1).optional(),
    }),
    handle(body, req, sim) {
      const wallet = authed(sim, req, body.deviceId, body.apiToken);
      if (typeof wallet !== 'string') return wallet;
      const accounts = accountsOf(sim);
      const list = accounts.data.xmtpInstallations;
      const row: XmtpInstallationRecord = {
        agentAddress: wallet.toLowerCase(),
        deviceId: body.deviceId,
        inboxId: body.inboxId,
        installationId: body.installationId,
        dbPath: body.dbPath ?? null,
        clientVersion: body.clientVersion ?? null,
        status: 'active',
        lastSeenAt: sim.now(),
      };
      const i = list.findIndex((x) => x.installationId === body.installationId);
      if (i >= 0) list[i] = row;
      else list.push(row);
      const agent = accounts.ensureAgent(wallet, 'cli');
      agent.xmtpInboxId = body.inboxId;
      agent.xmtpLastSeenAt = row.lastSeenAt;
      sim.changed();
      return ok({ inboxId: body.inboxId, installationId: body.installationId, policyMode: 'allowlist' });
    },
  }),
  {
    method: 'GET',
    path: '/api/xmtp/status',
    handle(req, sim) {
      const wallet = authed(sim, req, req.query.get('deviceId'), queryToken(req));
      if (typeof wallet !== 'string') return wallet;
      const accounts = accountsOf(sim);
      const agent = accounts.agent(wallet);
      const active = accounts.data.xmtpInstallations.filter((i) => i.agentAddress === wallet.toLowerCase() && i.status === 'active');
      return ok({
        inboxId: agent?.xmtpInboxId ?? null,
        enabled: Boolean(agent?.xmtpInboxId),
        policyMode: 'allowlist',
        lastSeenAt: iso(agent?.xmtpLastSeenAt ?? null),
        activeInstallations: active.map((i) => ({ installationId: i.installationId, status: i.status, lastSeenAt: iso(i.lastSeenAt) })),
      });
    },
  },
  heartbeat,
  { ...heartbeat, path: '/trpc/xmtp.heartbeat' }, // the daemon's heartbeat path (cli §5)
  {
    method: 'GET',
    path: '/api/xmtp/resolve',
    handle(req, sim) {
      const accounts = accountsOf(sim);
      const address = req.query.get('address');
      const agentId = req.query.get('agentId');
      if (!address && !agentId) return trpcError(400, 'Provide address or agentId');
      const agent = address ? accounts.agent(address) : accounts.agentById(agentId ?? '');
      return ok({ address: agent?.address ?? address ?? null, inboxId: agent?.xmtpInboxId ?? null });
    },
  },
];
