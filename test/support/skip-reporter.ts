import type { Reporter, TestModule } from 'vitest/node';

/**
 * A vitest reporter (vitest.config.ts) that lists every skipped test at the end of the run with
 * its reason (`ctx.skip(condition, reason)`), so no skip is silent; CI's log shows the list.
 */
export class SkipReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const lines: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' ? result.note : undefined;
        lines.push(`  ${module.moduleId.replace(`${process.cwd()}/`, '')} > ${test.fullName}: ${note ?? 'NO REASON GIVEN'}`);
      }
    }
    process.stdout.write(
      lines.length === 0 ? '\nskipped tests: none\n' : `\nskipped tests (${lines.length}), with their reasons:\n${lines.join('\n')}\n`,
    );
  }
}
