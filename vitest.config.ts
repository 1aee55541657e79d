import { defineConfig } from 'vitest/config';

/** Test runner configuration: Node by default, jsdom per file for renderer component tests. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Integration tests start real processes (sshd, upstream servers); keep the 2-core machine responsive.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
