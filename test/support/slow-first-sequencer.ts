import path from 'node:path';
import { BaseSequencer } from 'vitest/node';
import type { TestSpecification } from 'vitest/node';

/**
 * The slowest test files, in seconds alone on the 2-core CI machine (full run of 2026-12-02).
 * vitest orders files it has no timings for by size, which puts the two three-line CLI
 * lifecycle files (150 s each) last, so the run ends with one worker busy and the other idle.
 * Starting the long ones first lets the short ones fill in beside them. Files not listed keep
 * vitest's own order after these; the numbers only need to be roughly right.
 */
const SLOW_FILES: Readonly<Record<string, number>> = {
  'test/integration/runtime/operations.test.ts': 170,
  'test/integration/runtime/cli-compose-v1.test.ts': 150,
  'test/integration/runtime/cli-compose-v2.test.ts': 140,
  'test/integration/runtime/ownership.test.ts': 87,
  'test/e2e/newcomer.test.ts': 76,
  'test/integration/monitor-image/monitor-image.test.ts': 73,
  'test/integration/runtime/change-detection.test.ts': 66,
  'test/integration/secrets/live-rotation.test.ts': 62,
  'test/integration/runtime/rollout.test.ts': 53,
  'test/integration/backup/run-backup.test.ts': 53,
  'test/integration/upgrade/apply.test.ts': 49,
  'test/integration/cli/quiet.test.ts': 41,
  'test/integration/runtime/deploy.test.ts': 39,
  'test/e2e/console.test.ts': 34,
  'test/integration/cli/first-run.test.ts': 28,
  'test/e2e/dashboard-display.test.ts': 24,
  'test/integration/monitor/socket-proxy.test.ts': 22,
};

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const seconds = (file: TestSpecification): number =>
      SLOW_FILES[path.relative(file.project.config.root, file.moduleId).split(path.sep).join('/')] ?? 0;
    // Array.prototype.sort is stable: the unlisted files stay in vitest's order.
    return [...base].sort((a, b) => seconds(b) - seconds(a));
  }
}
