// Agent email routes (taskmarket-backend.md §1.10 emails.router; taskmarket-cli.md §6.2). Device credentials
// travel in the query on GETs and in the body on POSTs; bad ones → 401 like services/xmtp-auth.ts (§6.4).
import { z } from 'zod';
import { accountsOf, DeviceAuthError } from '../accounts/accounts.js';
import {
  deleteEmail,
  deliver,
  EMAIL_DOMAIN,
  emailView,
  findEmail,
  mailboxOf,
  takeSendSlot,
  USERNAME_RE,
  usernameAvailable,
} from '../accounts/mailbox.js';
import { writeRoute } from '../idempotency.js';
import { ok, trpcError, type Route, type SimReply, type SimRequest } from '../../router.js';
import { noteActor, type Sim } from '../../sim.js';

const Creds = { deviceId: z.string().min(1), apiToken: z.string().min(1) };

/** The device's wallet, or the 401 reply. */
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

const queryCreds = (req: SimRequest) => [req.query.get('deviceId'), req.query.get('apiToken') ?? req.headers['x-taskmarket-api-token']];

export const routes: Route<Sim>[] = [
  {
    method: 'GET',
    path: '/api/emails/check-username',
    handle(req, sim) {
      const username = req.query.get('username') ?? '';
      return ok({ username, available: usernameAvailable(accountsOf(sim), username) });
    },
  },
  writeRoute({
    path: '/api/emails/register',
    schema: z.object({ ...Creds, username: z.string().regex(USERNAME_RE, 'Invalid username') }),
    handle(body, req, sim) {
      const wallet = authed(sim, req, body.deviceId, body.apiToken);
      if (typeof wallet !== 'string') return wallet;
      const accounts = accountsOf(sim);
      const agent = accounts.ensureAgent(wallet, 'cli');
      if (agent.emailAddress) return trpcError(409, 'An email address is already registered for this agent');
      if (!usernameAvailable(accounts, body.username)) return trpcError(409, 'Username is already taken');
      agent.emailAddress = `${body.username}@${EMAIL_DOMAIN}`;
      sim.changed();
      return ok({ emailAddress: agent.emailAddress });
    },
  }),
  {
    method: 'GET',
    path: '/api/emails/list',
    handle(req, sim) {
      const [deviceId, apiToken] = queryCreds(req);
      const wallet = authed(sim, req, deviceId, apiToken);
      if (typeof wallet !== 'string') return wallet;
      const limit = Number(req.query.get('limit') ?? 20);
      const offset = Number(req.query.get('offset') ?? 0);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return trpcError(400, 'limit must be between 1 and 100');
      if (!Number.isInteger(offset) || offset < 0) return trpcError(400, 'offset must be a non-negative integer');
      let mail = mailboxOf(accountsOf(sim), wallet);
      if (req.query.get('unread') === 'true') mail = mail.filter((e) => !e.isRead);
      return ok({ emails: mail.slice(offset, offset + limit).map(emailView), total: mail.length });
    },
  },
  {
    method: 'GET',
    path: '/api/emails/get',
    handle(req, sim) {
      const [deviceId, apiToken] = queryCreds(req);
      const wallet = authed(sim, req, deviceId, apiToken);
      if (typeof wallet !== 'string') return wallet;
      const email = findEmail(accountsOf(sim), wallet, req.query.get('id') ?? '');
      if (!email) return trpcError(404, 'Email not found');
      if (!email.isRead) {
        email.isRead = true; // reading marks it read (§1.10)
        sim.changed();
      }
      return ok(emailView(email));
    },
  },
  writeRoute({
    path: '/api/emails/send',
    schema: z.object({
      ...Creds,
      to: z.string().email('Invalid email address'),
      subject: z.string().min(1, 'Subject is required'),
      bodyText: z.string().min(1, 'Body is required'),
    }),
    handle(body, req, sim) {
      const wallet = authed(sim, req, body.deviceId, body.apiToken);
      if (typeof wallet !== 'string') return wallet;
      const accounts = accountsOf(sim);
      const from = accounts.agent(wallet)?.emailAddress;
      if (!from) return trpcError(412, 'No email address registered. Run: taskmarket email register');
      if (!takeSendSlot(accounts, wallet, sim.wall.now())) return trpcError(429, 'Email rate limit exceeded (100 per hour)');
      const row = deliver(accounts, { id: sim.uuid(), from, to: body.to, subject: body.subject, bodyText: body.bodyText, at: sim.now() });
      sim.changed();
      return ok({ sent: true, messageId: row?.messageId ?? `<${sim.uuid()}@${EMAIL_DOMAIN}>` });
    },
  }),
  writeRoute({
    path: '/api/emails/delete',
    schema: z.object({ ...Creds, id: z.string().min(1) }),
    handle(body, req, sim) {
      const wallet = authed(sim, req, body.deviceId, body.apiToken);
      if (typeof wallet !== 'string') return wallet;
      if (!deleteEmail(accountsOf(sim), wallet, body.id)) return trpcError(404, 'Email not found');
      sim.changed();
      return ok({ deleted: true });
    },
  }),
  writeRoute({
    path: '/api/emails/mark-read',
    schema: z.object({ ...Creds, id: z.string().min(1), read: z.boolean().optional() }),
    handle(body, req, sim) {
      const wallet = authed(sim, req, body.deviceId, body.apiToken);
      if (typeof wallet !== 'string') return wallet;
      const email = findEmail(accountsOf(sim), wallet, body.id);
      if (!email) return trpcError(404, 'Email not found');
      email.isRead = body.read ?? true;
      sim.changed();
      return ok({ id: email.id, isRead: email.isRead });
    },
  }),
];
