import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../../src/check/model/compose-model.js';
import { parseDocs } from '../../../src/check/model/docs-model.js';
import { validateComposeSchema } from '../../../src/check/model/validate-schema.js';
import { validate } from '../../../schemas/compose-spec.validate.mjs';
import { runRules } from '../../../src/check/run-rules.js';
import type { CatalogFacts, Facts, Finding, ProjectContext, RuleDefinition } from '../../../src/check/types.js';

export interface RuleCase {
  readonly name: string;
  readonly compose: string;
  readonly env?: string;
  readonly docs?: string;
  /** More files by name: `-f` overrides (`overrides`), included, extended and env files. */
  readonly files?: Readonly<Record<string, string>>;
  readonly overrides?: readonly string[];
  readonly profiles?: readonly string[];
  readonly facts?: Partial<Facts>;
  readonly project?: ProjectContext;
  /** Image repository → `*_FILE` variables it ignores. */
  readonly catalog?: Readonly<Record<string, readonly string[]>>;
  /** Catalog id → host paths the entry may mount. */
  readonly hostMounts?: Readonly<Record<string, readonly string[]>>;
  /** Short repository or catalog id → the `*_FILE` variables the image reads. */
  readonly reads?: Readonly<Record<string, readonly string[] | 'every-setting'>>;
  /** Catalog id → short repository. */
  readonly repositories?: Readonly<Record<string, string>>;
}

export interface ExpectedFinding {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly file?: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
}

export interface InvalidRuleCase extends RuleCase {
  readonly errors: readonly ExpectedFinding[];
}

export const NOW = '2026-11-26T12:00:00.000Z';

/** Run one rule over one case, the way `check` does (no I/O: facts come from the case). */
export function runRuleCase(rule: RuleDefinition, testCase: RuleCase): Finding[] {
  const compose = parseCompose({
    file: 'compose.yaml',
    text: testCase.compose,
    ...(testCase.env === undefined ? {} : { envFile: '.env', envText: testCase.env }),
    ...(testCase.files ? { files: testCase.files } : {}),
    ...(testCase.overrides ? { overrideFiles: testCase.overrides } : {}),
    ...(testCase.profiles ? { profiles: testCase.profiles } : {}),
  });
  const docs = parseDocs(testCase.docs === undefined ? [] : [{ file: 'README.md', text: testCase.docs }]);
  const facts: Facts = { now: NOW, portsInUse: [], fileModes: [], certificates: [], ...testCase.facts };
  const catalog: CatalogFacts = {
    ignoredFileVariables: new Map(Object.entries(testCase.catalog ?? {})),
    hostMounts: new Map(Object.entries(testCase.hostMounts ?? {})),
    readsFileVariables: new Map(Object.entries(testCase.reads ?? {})),
    repositories: new Map(Object.entries(testCase.repositories ?? {})),
  };
  return runRules({
    compose,
    docs,
    facts,
    project: testCase.project,
    catalog,
    schemaProblems: validateComposeSchema(validate, compose.root),
    rules: [rule],
  });
}

/** typescript-eslint's RuleTester, in small: static valid and invalid tables, exact positions. */
export function testRule(
  rule: RuleDefinition,
  cases: { readonly valid: readonly RuleCase[]; readonly invalid: readonly InvalidRuleCase[] },
): void {
  describe(rule.id, () => {
    it('has at least 4 valid and 4 invalid cases (typescript-eslint style: near-misses on both sides)', () => {
      expect([cases.valid.length >= 4, cases.invalid.length >= 4]).toEqual([true, true]);
    });
    for (const testCase of cases.valid) {
      it(`accepts: ${testCase.name}`, () => {
        expect(runRuleCase(rule, testCase).map((finding) => `${finding.line}:${finding.column} ${finding.message}`)).toEqual([]);
      });
    }
    for (const testCase of cases.invalid) {
      it(`reports: ${testCase.name}`, () => {
        const findings = runRuleCase(rule, testCase);
        expect(
          findings.map((finding, index) => {
            const expected = testCase.errors[index];
            return {
              messageId: finding.messageId,
              ...(expected?.data === undefined ? {} : { data: finding.data }),
              ...(expected?.file === undefined ? {} : { file: finding.file }),
              line: finding.line,
              column: finding.column,
              ...(expected?.endLine === undefined ? {} : { endLine: finding.endLine }),
              ...(expected?.endColumn === undefined ? {} : { endColumn: finding.endColumn }),
            };
          }),
        ).toEqual(testCase.errors);
      });
    }
  });
}
