import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on a 2-core machine is one worker (cores - 1). Most files here wait on a pty, a
    // simulator or a poll rather than compute, so two run side by side without starving each other.
    maxWorkers: 2,
  },
});
