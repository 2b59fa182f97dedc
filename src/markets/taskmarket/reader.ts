// The desk's read side over Taskmarket: MarketReader (src/markets/market.ts) on top of the action functions.
import type { MarketReader } from '../market.js';
import { createTaskmarketClient, type CreateTaskmarketClientOptions, type TaskmarketClient } from './client.js';
import { getAgentStats } from './actions/agent-stats.js';
import { getBalance } from './actions/balance.js';
import { getEmails } from './actions/emails.js';
import { getBids } from './actions/get-bids.js';
import { getPitches } from './actions/get-pitches.js';
import { getSubmissions } from './actions/get-submissions.js';
import { getTask } from './actions/get-task.js';
import { getInbox } from './actions/inbox.js';
import { listTasks } from './actions/list-tasks.js';
import { markEmailRead } from './actions/mark-email-read.js';
import { getMyBids } from './actions/my-bids.js';
import { getNetworkInfo } from './actions/network-info.js';

export type TaskmarketReader = MarketReader & { readonly client: TaskmarketClient };

const s = (signal?: AbortSignal) => (signal ? { signal } : {});

export function createTaskmarketReader(opts: CreateTaskmarketClientOptions | { client: TaskmarketClient }): TaskmarketReader {
  const client = 'client' in opts ? opts.client : createTaskmarketClient(opts);
  return {
    kind: 'taskmarket',
    apiUrl: client.apiUrl,
    client,
    networkInfo: (signal) => getNetworkInfo(client, signal),
    listTasks: (query, signal) => listTasks(client, { ...query, ...s(signal) }),
    getTask: (taskId, signal) => getTask(client, { taskId, ...s(signal) }),
    getBids: (taskId, signal) => getBids(client, { taskId, ...s(signal) }),
    getSubmissions: (taskId, signal) => getSubmissions(client, { taskId, ...s(signal) }),
    getPitches: (taskId, signal) => getPitches(client, { taskId, ...s(signal) }),
    inbox: (address, signal) => getInbox(client, { address, ...s(signal) }),
    myBids: (signal) => getMyBids(client, signal),
    balance: (address, signal) => getBalance(client, { address, ...s(signal) }),
    agentStats: (address, signal) => getAgentStats(client, { address, ...s(signal) }),
    emails: (o, signal) => getEmails(client, { ...o, ...s(signal) }),
    markEmailRead: (id, read, signal) => markEmailRead(client, { id, read, ...s(signal) }),
  };
}
