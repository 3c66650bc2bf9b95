import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // PGlite is CPU-heavy; two workers match the 2-core machines this runs on.
    maxWorkers: 2,
  },
});
