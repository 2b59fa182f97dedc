// Agent email (taskmarket-backend.md §1.10 emails.router, §5.1 rate limit): addresses <username>@taskmarket.dev,
// delivery between the sim's own agents; mail to any other address is accepted and goes nowhere (no internet).
import type { Accounts } from './accounts.js';
import type { AgentRecord, EmailRecord } from './records.js';

export const EMAIL_DOMAIN = 'taskmarket.dev';
export const USERNAME_RE = /^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$/;
export const SEND_LIMIT_PER_HOUR = 100;
const HOUR = 3_600_000;

export function emailOwner(accounts: Accounts, emailAddress: string): AgentRecord | null {
  const wanted = emailAddress.trim().toLowerCase();
  return Object.values(accounts.data.agents).find((a) => a.emailAddress?.toLowerCase() === wanted) ?? null;
}

export function usernameAvailable(accounts: Accounts, username: string): boolean {
  return USERNAME_RE.test(username) && emailOwner(accounts, `${username}@${EMAIL_DOMAIN}`) === null;
}

/** Count a send against the hourly limit; false when the agent is over it. */
export function takeSendSlot(accounts: Accounts, agentAddress: string, wallNow: number): boolean {
  const key = agentAddress.toLowerCase();
  const recent = (accounts.emailSends.get(key) ?? []).filter((t) => wallNow - t < HOUR);
  if (recent.length >= SEND_LIMIT_PER_HOUR) {
    accounts.emailSends.set(key, recent);
    return false;
  }
  recent.push(wallNow);
  accounts.emailSends.set(key, recent);
  return true;
}

export interface DeliverParameters {
  id: string;
  from: string;
  to: string;
  subject: string | null;
  bodyText: string | null;
  at: number;
}

/** Put a message in the mailbox of whichever sim agent owns `to`; returns the stored row or null. */
export function deliver(accounts: Accounts, p: DeliverParameters): EmailRecord | null {
  const owner = emailOwner(accounts, p.to);
  if (!owner) return null;
  const row: EmailRecord = {
    id: p.id,
    messageId: `<${p.id}@${EMAIL_DOMAIN}>`,
    fromAddress: p.from,
    toAddress: owner.emailAddress ?? p.to,
    agentAddress: owner.address.toLowerCase(),
    subject: p.subject,
    bodyText: p.bodyText,
    bodyHtml: null,
    isRead: false,
    receivedAt: p.at,
  };
  accounts.data.emails.push(row);
  return row;
}

export function mailboxOf(accounts: Accounts, agentAddress: string): EmailRecord[] {
  const key = agentAddress.toLowerCase();
  return accounts.data.emails.filter((e) => e.agentAddress === key).sort((a, b) => b.receivedAt - a.receivedAt);
}

export function findEmail(accounts: Accounts, agentAddress: string, id: string): EmailRecord | null {
  const key = agentAddress.toLowerCase();
  return accounts.data.emails.find((e) => e.id === id && e.agentAddress === key) ?? null;
}

export function deleteEmail(accounts: Accounts, agentAddress: string, id: string): boolean {
  const key = agentAddress.toLowerCase();
  const i = accounts.data.emails.findIndex((e) => e.id === id && e.agentAddress === key);
  if (i < 0) return false;
  accounts.data.emails.splice(i, 1);
  return true;
}

/** The wire shape (EmailSchema, CLI L1152–L1161): ISO receivedAt. */
export function emailView(e: EmailRecord) {
  return {
    id: e.id,
    fromAddress: e.fromAddress,
    toAddress: e.toAddress,
    subject: e.subject,
    bodyText: e.bodyText,
    bodyHtml: e.bodyHtml,
    isRead: e.isRead,
    receivedAt: new Date(e.receivedAt).toISOString(),
  };
}
