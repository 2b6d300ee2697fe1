import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/electron/**/*.test.ts',
    ],
    // Two test files at a time even on a 2-core machine (vitest's default there is one): most files
    // spend much of their time in child processes (servers, PostgreSQL, pdftotext, qpdf) that
    // leave a core idle. Each file's own work then shares the CPU, hence the longer test budget.
    maxWorkers: 2,
    testTimeout: 60_000,
    // A beforeAll that loads a demo school over the real write path takes 5–20 s on a quiet
    // machine and several times that when the shared machine is busy.
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
