// /ws messages (execution-market-api.md §6, §13.7): `{type, payload, id, timestamp}`; an `event` carries
// `{event, payload, room, metadata}`. Event payloads name the task (task_id) and sometimes a full task row.
import { z } from 'zod';
import { str } from './common.js';

export const SERVER_TYPES = ['welcome', 'subscribed', 'unsubscribed', 'ping', 'pong', 'event', 'error', 'auth_success', 'auth_failed'] as const;

export const serverMessageSchema = z.object({
  type: z.enum(SERVER_TYPES),
  payload: z.record(z.string(), z.unknown()).default({}),
  id: str(80).nullish(),
  timestamp: str(40).nullish(),
});

export const eventPayloadSchema = z.object({
  event: z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,63}$/),
  payload: z.looseObject({ task_id: z.string().max(80).optional() }).default({}),
  room: str(200).nullish().transform((v) => v ?? null),
  metadata: z.looseObject({ event_id: str(80).optional(), timestamp: str(40).optional() }).nullish(),
});

export const welcomeSchema = z.looseObject({ authenticated: z.boolean(), wallet: z.string().max(60).nullish(), rooms: z.array(str(200)).max(100).default([]) });
export const wsErrorSchema = z.looseObject({ code: str(60).optional(), room: str(200).optional(), message: str(300).optional() });
