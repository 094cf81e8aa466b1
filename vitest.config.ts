import { defineConfig } from 'vitest/config';
import { SkipReporter } from './test/support/skip-reporter.js';
import { SlowFirstSequencer } from './test/support/slow-first-sequencer.js';

/** The files that need Docker, a database server or a browser; everything else is the fast suite. */
const slowFiles = ['test/integration/**', 'test/e2e/**'];

export const config = defineConfig({
  test: {
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
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          exclude: slowFiles,
          // The fast files share no state (no module mocks, no process-wide settings beyond what
          // each test restores), so one fork imports the modules once for all of them instead of
          // once per file: the import phase went from 72 s to 17 s of the fast suite.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'integration', include: slowFiles.map((glob) => `${glob}/*.test.ts`) } },
    ],
    // `npm test` runs with --coverage: the figure is printed and may not fall below the floor.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary'],
      reportsDirectory: 'coverage',
      // The figure is printed even when a test failed, so a red run still says where coverage stands.
      reportOnFailure: true,
      // The floor: the full run of 2026-12-02 measured 81.19 % statements, 71.18 % branches,
      // 79.41 % functions and 83.46 % lines (in-process code only: the CLI processes the tests
      // start are not counted). One point lower absorbs run-to-run variation; raise it, never lower it.
      thresholds: { statements: 80, branches: 70, functions: 78, lines: 82 },
    },
  },
});

// vitest loads the config through its default export; this is the one place we allow it.
export default config;
