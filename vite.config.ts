/// <reference types="vitest/config" />
import { existsSync } from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiServer = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The database-backed suite runs on PGlite always, and again on PostgreSQL when TEST_DATABASE_URL is set. */
const dbProjects = [
  { name: 'db-pglite', target: 'pglite' },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'db-postgres', target: 'postgres' }] : []),
].map(({ name, target }) => ({
  extends: true as const,
  test: {
    name,
    include: ['test/db/**/*.test.ts'],
    env: { SWITCHBOARD_TEST_DB: target },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));

/**
 * The resilience suite (processes killed, PostgreSQL stopped, faulty IOM) takes minutes: it is not one of the
 * default projects. `npm run test:resilience` and `npm test` (with TEST_DATABASE_URL) switch it on by name.
 */
const resilienceProjects =
  process.env.SWITCHBOARD_RESILIENCE === '1'
    ? [
        {
          extends: true as const,
          test: {
            name: 'resilience',
            include: ['test/resilience/**/*.test.ts'],
            globalSetup: ['test/resilience/globalSetup.ts'],
            // One scenario at a time: each loads this machine's cores with several processes on its own.
            fileParallelism: false,
            testTimeout: 180_000,
            hookTimeout: 60_000,
          },
        },
      ]
    : [];

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/trpc': apiServer, '/api': apiServer, '/healthz': apiServer, '/readyz': apiServer },
  },
  test: {
    root: '.',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      ...dbProjects,
      ...resilienceProjects,
      ...(existsSync(chromium)
        ? [
            {
              extends: true as const,
              test: {
                name: 'e2e',
                include: ['test/e2e/**/*.test.ts'],
                fileParallelism: false,
                testTimeout: 60_000,
                hookTimeout: 120_000,
                globalSetup: ['test/e2e/globalSetup.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
