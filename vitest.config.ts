import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'central/**/*.test.ts',
      'main/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/**/*.test.ts',
      '*.test.ts',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests and database tests are heavy on a two-core machine.
    maxWorkers: 2,
    // expect.poll waits up to 10 s (the default is 1 s): on two loaded cores a screen can take
    // longer than that to answer, and a wait only lasts as long as its condition is false.
    expect: { poll: { timeout: 10_000 } },
  },
});
