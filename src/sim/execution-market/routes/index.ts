// Every EM route (paths relative to <sim>/em). Order matters only where patterns overlap:
// /api/v1/tasks/available is listed before /api/v1/tasks/:task_id.
import type { EmRoute } from './common.js';
import { routes as tasks } from './tasks.js';
import { routes as assign } from './assign.js';
import { routes as worker } from './worker.js';
import { routes as review } from './review.js';
import { routes as reputation } from './reputation.js';
import { routes as misc } from './misc.js';

export const allEmRoutes: EmRoute[] = [...misc, ...tasks, ...assign, ...worker, ...review, ...reputation];
