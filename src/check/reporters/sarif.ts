import type { Finding, RuleDefinition, Severity } from '../types.js';

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 for code-scanning UIs: one run, every rule as a reportingDescriptor, one result per finding. */
export function formatSarif(findings: readonly Finding[], rules: readonly RuleDefinition[], version: string): string {
  const index = new Map(rules.map((rule, position) => [rule.id, position]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aistack check',
            version,
            informationUri: 'https://github.com/aistack/aistack/blob/main/docs/check.md',
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: `https://github.com/aistack/aistack/blob/main/docs/rules/${rule.id}.md`,
              defaultConfiguration: { level: LEVEL[rule.severity] },
            })),
          },
        },
        results: findings.map((finding) => ({
          ruleId: finding.ruleId,
          ruleIndex: index.get(finding.ruleId) ?? -1,
          level: LEVEL[finding.severity],
          message: { text: finding.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: finding.file.split('\\').join('/') },
                region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
