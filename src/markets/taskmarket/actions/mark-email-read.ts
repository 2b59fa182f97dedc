import { MarketError } from '../../errors.js';
import type { TaskmarketClient } from '../client.js';

export interface MarkEmailReadParameters {
  id: string;
  read: boolean;
  signal?: AbortSignal;
}

/** POST /api/emails/mark-read {deviceId, apiToken, id, read} (cli §6.2). */
export async function markEmailRead(client: TaskmarketClient, p: MarkEmailReadParameters): Promise<void> {
  const device = client.signer?.device;
  if (!device) throw new MarketError('auth', 'No device credentials: emails need a keystore', { reason: 'no_device' });
  await client.post('/api/emails/mark-read', { deviceId: device.deviceId, apiToken: device.apiToken, id: p.id, read: p.read }, p.signal ? { signal: p.signal } : {});
}
