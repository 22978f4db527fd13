import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// One runner for every suite. Integration tests get a fresh PGlite per file; when
// CHARLA_TEST_DATABASE_URL is set, the same files run a second time against PostgreSQL
// (a fresh database per file, see apps/server/test/harness/test-db.ts). End-to-end tests
// drive Debian's Chromium against a real server and simulator.
const integrationFiles = [
  'apps/*/test/**/*.int.test.ts',
  'apps/*/test/**/*.http.test.ts',
  'apps/*/src/**/*.http.test.ts',
];

// Requests with a cookie carry the web app's CSRF header by default (see the file).
const charlaRequestHeader = 'apps/server/test/harness/charla-request-header.ts';

const integration = (name: string, kind: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  test: {
    name,
    include:
      kind === 'postgres' ? integrationFiles.filter((f) => f.startsWith('apps/*/test')) : integrationFiles,
    env: { CHARLA_TEST_DB_KIND: kind },
    setupFiles: [charlaRequestHeader],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/*.http.test.ts', '**/node_modules/**'],
        },
      },
      integration('integration', 'pglite'),
      ...(process.env.CHARLA_TEST_DATABASE_URL ? [integration('integration-pg', 'postgres')] : []),
      {
        test: {
          name: 'e2e',
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          setupFiles: [charlaRequestHeader],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A page follows a real server and its realtime push: 1 s (the default) is too short for
          // a poll on a loaded machine. A poll still fails if the page never gets there.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
