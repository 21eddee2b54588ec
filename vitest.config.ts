import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // Generous: some suites start the CLI or a crash-test child many times, which is slow on a loaded 2-core machine.
    testTimeout: 240_000,
    hookTimeout: 60_000,
  },
});
