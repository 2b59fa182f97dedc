// A complete Task with plain defaults; tests override only what they exercise.
import type { Task } from '../../src/core/types.js';
import { taskWith } from '../fixtures/task.js';

export const REQUESTER = '0xRequester000000000000000000000000000000a';
export const WORKER = '0xWorker00000000000000000000000000000000b';
export const TASK_ID = '0x' + 'ab'.repeat(32);

export function makeTask(overrides: Partial<Task> = {}): Task {
  return taskWith({ id: TASK_ID, requester: REQUESTER, description: 'test task', reward: 5_000_000n }, overrides);
}
