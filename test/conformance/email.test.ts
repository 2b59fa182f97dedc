// Agent email with the official CLI (taskmarket-cli.md §6.2, backend §1.10, §5.1): register, address, send
// (412 without an address, 429 over 100/hour), inbox (--unread), read (marks read), mark-read, reply, delete.
// Carol's wallet is made by the sim's demo-wallet helper (no email), so it also proves that keystore works.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWallet, type CreatedWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import { runCli, startDesk, USDC, type Agent, type CliResult, type Desk } from './cli.js';

// Each CLI call is a fresh node process (~0.5 s idle, far more on a loaded 2-core box): generous limits.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let desk: Desk;
let alice: Agent;
let carol: CreatedWallet;
const carolCli = (args: string[]): Promise<CliResult> => runCli(carol.home, desk.url, args);
const carolOk = async (args: string[]) => {
  const r = await carolCli(args);
  if (r.code !== 0) throw new Error(`carol ${args.join(' ')}: ${r.stderr}`);
  return r.out?.data;
};

beforeAll(async () => {
  desk = await startDesk();
  const home = await mkdtemp(join(tmpdir(), 'tm-carol-'));
  [alice, carol] = await Promise.all([desk.agent(USDC), createWallet(desk.url, home, { email: false, fund: USDC })]);
});
afterAll(() => desk?.close());

describe('email', () => {
  it('the demo wallet works with the CLI and has no address yet; send is refused with 412', async () => {
    expect(await carolOk(['address'])).toEqual({ address: carol.address });
    expect(await carolOk(['email', 'address'])).toEqual({ emailAddress: null });
    const r = await carolCli(['email', 'send', '--to', alice.emailAddress ?? '', '--subject', 'x', '--body', 'y']);
    expect(r.code).toBe(1);
    expect(r.err?.status).toBe(412);
    expect(r.err?.error).toContain('No email address registered');
  });

  it('register claims a username; a taken one is reported unavailable', async () => {
    expect(await carolOk(['email', 'register', '--username', 'carol-desk'])).toEqual({ emailAddress: 'carol-desk@taskmarket.dev' });
    expect(await carolOk(['email', 'address'])).toEqual({ emailAddress: 'carol-desk@taskmarket.dev' });
    const taken = await alice.run(['email', 'register', '--username', 'carol-desk']);
    expect(taken.code).toBe(1);
    expect(taken.err?.error).toContain('not available');
  });

  it('send delivers between sim agents; inbox, --unread, read marks read, mark-read toggles', async () => {
    expect(await alice.ok(['email', 'send', '--to', 'carol-desk@taskmarket.dev', '--subject', 'Hi', '--body', 'Hello Carol'])).toEqual({ sent: true });
    const inbox = await carolOk(['email', 'inbox']);
    expect(inbox.emails).toHaveLength(1);
    const mail = inbox.emails[0];
    expect(mail).toMatchObject({ fromAddress: alice.emailAddress, toAddress: 'carol-desk@taskmarket.dev', subject: 'Hi', bodyText: 'Hello Carol', isRead: false });
    expect((await carolOk(['email', 'inbox', '--unread'])).emails).toHaveLength(1);
    expect(await carolOk(['email', 'read', mail.id])).toMatchObject({ id: mail.id, isRead: true });
    expect((await carolOk(['email', 'inbox', '--unread'])).emails).toHaveLength(0);
    expect(await carolOk(['email', 'mark-read', mail.id, '--unread'])).toEqual({ id: mail.id, isRead: false });
    expect(await carolOk(['email', 'mark-read', mail.id])).toEqual({ id: mail.id, isRead: true });
  });

  it('reply goes back to the sender with "Re: "; delete removes it', async () => {
    const [mail] = (await carolOk(['email', 'inbox'])).emails;
    expect(await carolOk(['email', 'reply', mail.id, '--body', 'Thanks!'])).toEqual({ sent: true });
    const back = (await alice.ok(['email', 'inbox'])).emails;
    expect(back[0]).toMatchObject({ subject: 'Re: Hi', bodyText: 'Thanks!', fromAddress: 'carol-desk@taskmarket.dev' });
    expect(await carolOk(['email', 'delete', mail.id])).toEqual({ deleted: true });
    expect((await carolOk(['email', 'inbox'])).emails).toEqual([]);
    const gone = await carolCli(['email', 'read', mail.id]);
    expect(gone.code).toBe(1);
    expect(gone.err?.status).toBe(404);
  });

  it('the 101st send within an hour is refused with 429', async () => {
    const send = () =>
      fetch(`${desk.url}/api/emails/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ deviceId: carol.deviceId, apiToken: carol.apiToken, to: 'nobody@example.com', subject: 's', bodyText: 'b' }),
      });
    // carol has sent 1 (the reply); 99 more reach the limit.
    for (let i = 0; i < 99; i++) expect((await send()).status).toBe(200);
    const r = await carolCli(['email', 'send', '--to', 'nobody@example.com', '--subject', 's', '--body', 'b']);
    expect(r.code).toBe(1);
    expect(r.err?.status).toBe(429);
    expect(r.err?.error).toContain('Email rate limit exceeded (100 per hour)');
  });

  it('bad device credentials are refused with 401', async () => {
    const r = await desk.get(`/api/emails/list?deviceId=${carol.deviceId}&apiToken=${'0'.repeat(64)}`);
    expect(r.status).toBe(401);
    expect(r.body.message).toBe('Invalid token');
  });
});
