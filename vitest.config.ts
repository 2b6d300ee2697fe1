import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/electron/**/*.test.ts',
    ],
    testTimeout: 30_000,
    // A beforeAll that loads a demo school over the real write path takes 5–20 s on a quiet
    // machine and several times that when the shared machine is busy.
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
