import { defineConfig } from 'vitest/config';
import { SkipReporter } from './test/support/skip-reporter.js';
import { SlowFirstSequencer } from './test/support/slow-first-sequencer.js';

export const config = defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Generous: two workers share two cores with Docker, so a 20-s test can take 60 s under load.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // vitest's default on 2 cores is one worker, so every Docker wait left a core idle. Two
    // workers overlap them; more only slows the CPU-bound tests (measured 2026-12-02: 3 workers
    // gained nothing over 2 cores' worth of work).
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    // Builds dist/ once when it is missing or stale, for the tests that run the CLI as a user does.
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', new SkipReporter()],
  },
});

// vitest loads the config through its default export; this is the one place we allow it.
export default config;
