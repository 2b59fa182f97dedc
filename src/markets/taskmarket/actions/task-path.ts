// Task ids go into paths; encode them so an id can never change the route (hex ids encode to themselves).
export function taskPath(taskId: string, suffix = ''): string {
  return `/api/tasks/${encodeURIComponent(taskId)}${suffix}`;
}
