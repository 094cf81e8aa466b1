import { defineConfig } from 'vitest/config';
import { SkipReporter } from './test/support/skip-reporter.js';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Builds dist/ once when it is missing or stale, for the tests that run the CLI as a user does.
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', new SkipReporter()],
  },
});

// vitest loads the config through its default export; this is the one place we allow it.
export default config;
