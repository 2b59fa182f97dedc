import type { z } from 'zod';
import { httpError, type TaskmarketClient } from '../client.js';
import { parseWire } from '../parse.js';
import { xmtpStatusSchema } from '../schemas/xmtp.js';

export type XmtpStatusResult = z.output<typeof xmtpStatusSchema> | null;

/** GET /api/xmtp/status?deviceId= with header x-taskmarket-api-token (cli §6.1); null without a device. */
export async function getXmtpStatus(client: TaskmarketClient, signal?: AbortSignal): Promise<XmtpStatusResult> {
  const device = client.signer?.device;
  if (!device) return null;
  const res = await client.send({
    method: 'GET',
    path: '/api/xmtp/status',
    query: { deviceId: device.deviceId },
    headers: { 'x-taskmarket-api-token': device.apiToken },
    ...(signal ? { signal } : {}),
  });
  if (res.status < 200 || res.status > 299) throw httpError('GET /api/xmtp/status', res);
  return parseWire(xmtpStatusSchema, res.body, 'GET /api/xmtp/status');
}
