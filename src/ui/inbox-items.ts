// The Inbox's rows: XMTP/other messages plus device emails, newest first. Pure.
import type { Email } from '../markets/market.js';
import type { Message } from '../store/state.js';

export function emailAsMessage(e: Email): Message {
  return { key: `email:${e.id}`, source: 'email', id: e.id, from: e.fromAddress, subject: e.subject, body: e.bodyText, receivedAt: e.receivedAt, read: e.isRead, type: 'email' };
}

export function inboxItems(messages: readonly Message[], emails: readonly Email[]): Message[] {
  const seen = new Set(messages.map((m) => m.key));
  const all = [...messages, ...emails.map(emailAsMessage).filter((m) => !seen.has(m.key))];
  return all.sort((a, b) => b.receivedAt - a.receivedAt || a.key.localeCompare(b.key));
}
