import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// One runner for every suite. Integration tests get a fresh PGlite per file; when
// CHARLA_TEST_DATABASE_URL is set, the same files run a second time against PostgreSQL (a fresh
// database per file, see apps/server/test/harness/test-db.ts); either starts from a copy migrated
// once per run (migrated-copies.ts). End-to-end tests drive Debian's Chromium against a real
// server and simulator.
//
// Unit and integration files share their worker's modules (isolate: false): each file imported
// the whole server again, and PGlite compiled its WebAssembly again, which cost more of the
// suite's time than the tests did. Files keep no state in modules: each builds its own app and
// database.
const integrationFiles = [
  'apps/*/test/**/*.int.test.ts',
  'apps/*/test/**/*.http.test.ts',
  'apps/*/src/**/*.http.test.ts',
];

// Requests with a cookie carry the web app's CSRF header by default (see the file).
const charlaRequestHeader = 'apps/server/test/harness/charla-request-header.ts';
// Migrates once per run; each file's database starts from that copy (see the file).
const migratedCopies = 'apps/server/test/harness/global-setup.ts';

const integration = (name: string, kind: 'pglite' | 'postgres'): TestProjectInlineConfiguration => ({
  test: {
    name,
    include:
      kind === 'postgres' ? integrationFiles.filter((f) => f.startsWith('apps/*/test')) : integrationFiles,
    env: { CHARLA_TEST_DB_KIND: kind },
    isolate: false,
    setupFiles: [charlaRequestHeader],
    globalSetup: [migratedCopies],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    // Two files at a time on the 2-core machines CI runs on: the tests wait on sockets and timers
    // for part of their time, and a third worker only made the two cores contend (bench/README.md,
    // "the suite's time").
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          isolate: false,
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
          globalSetup: ['apps/web/e2e/global-setup.ts'],
          setupFiles: [charlaRequestHeader],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two files side by side, like the others (the web and server builds are made once in
          // the global setup; ports come from each worker's own block, free-port.ts): 9 minutes
          // for the 37 files instead of 15.
          // A page follows a real server and its realtime push: 1 s (the default) is too short for
          // a poll on a loaded machine. A poll still fails if the page never gets there.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
