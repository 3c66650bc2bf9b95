import { defineConfig } from 'vitest/config';

// Every test runs on the embedded PGlite; with TEST_DATABASE_URL set (as .ci/run does), the tests
// that touch a database run a second time on that PostgreSQL server.
const serverUrl = process.env.TEST_DATABASE_URL;
const databaseTests = ['test/db/**/*.test.ts', 'test/notices/**/*.test.ts', 'test/exports/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/evaluation/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/bench/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // PGlite is CPU-heavy; two workers match the 2-core machines this runs on.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'pglite', include: ['test/**/*.test.ts'], env: { TEST_DATABASE_URL: '' } } },
      ...(serverUrl
        ? [{ extends: true, test: { name: 'postgres', include: databaseTests, env: { TEST_DATABASE_URL: serverUrl } } }]
        : []),
    ],
  },
});
