import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { rules } from '../../../src/check/registry.js';
import { formatJson } from '../../../src/check/reporters/json.js';
import { formatSarif } from '../../../src/check/reporters/sarif.js';
import { formatText } from '../../../src/check/reporters/text.js';
import type { Finding } from '../../../src/check/types.js';

const findings: Finding[] = [
  {
    ruleId: 'security/privileged',
    messageId: 'privileged',
    data: { service: 'web' },
    severity: 'error',
    message: 'web runs privileged: root on the host with every device and capability',
    file: 'compose.yaml',
    line: 4,
    column: 5,
    endLine: 4,
    endColumn: 15,
  },
  {
    ruleId: 'docs/unknown-port',
    messageId: 'unknown',
    data: { port: 3000 },
    severity: 'warning',
    message: 'the docs name port 3000, which no service publishes',
    file: 'README.md',
    line: 3,
    column: 9,
    endLine: 3,
    endColumn: 13,
  },
  {
    ruleId: 'compose/unused-env-key',
    messageId: 'unused',
    data: { name: 'X', compose: 'compose.yaml' },
    severity: 'info',
    message: '.env key X is never used in compose.yaml',
    file: '.env',
    line: 2,
    column: 1,
    endLine: 2,
    endColumn: 2,
  },
];

// The parts of the SARIF 2.1.0 schema (docs.oasis-open.org/sarif/sarif/v2.1.0) a code-scanning UI needs.
const sarifShape = {
  type: 'object',
  required: ['version', 'runs'],
  properties: {
    version: { const: '2.1.0' },
    $schema: { type: 'string' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  rules: {
                    type: 'array',
                    items: {
                      type: 'object',
                      required: ['id'],
                      properties: {
                        id: { type: 'string' },
                        shortDescription: { type: 'object', required: ['text'] },
                        defaultConfiguration: { type: 'object', properties: { level: { enum: ['none', 'note', 'warning', 'error'] } } },
                      },
                    },
                  },
                },
              },
            },
          },
          results: {
            type: 'array',
            items: {
              type: 'object',
              required: ['message', 'ruleId'],
              properties: {
                ruleId: { type: 'string' },
                ruleIndex: { type: 'integer', minimum: 0 },
                level: { enum: ['none', 'note', 'warning', 'error'] },
                message: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
                locations: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      physicalLocation: {
                        type: 'object',
                        required: ['artifactLocation'],
                        properties: {
                          artifactLocation: { type: 'object', required: ['uri'], properties: { uri: { type: 'string' } } },
                          region: {
                            type: 'object',
                            properties: {
                              startLine: { type: 'integer', minimum: 1 },
                              startColumn: { type: 'integer', minimum: 1 },
                              endLine: { type: 'integer', minimum: 1 },
                              endColumn: { type: 'integer', minimum: 1 },
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
};

describe('text reporter', () => {
  it('groups by file and ends with a summary line; no colors when asked for none', () => {
    expect(formatText(findings, { color: false })).toBe(
      [
        'compose.yaml',
        '  4:5     error   web runs privileged: root on the host with every device and capability  security/privileged',
        '',
        'README.md',
        '  3:9     warning the docs name port 3000, which no service publishes  docs/unknown-port',
        '',
        '.env',
        '  2:1     info    .env key X is never used in compose.yaml  compose/unused-env-key',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '',
      ].join('\n'),
    );
  });

  it('colors severities on a TTY', () => {
    expect(formatText(findings.slice(0, 1), { color: true })).toContain('\u001b[31merror   \u001b[0m');
  });

  it('says so when there is nothing to report', () => {
    expect(formatText([], { color: false })).toBe('✔ no problems found\n');
  });
});

describe('JSON reporter', () => {
  it('prints every field of every finding', () => {
    expect(JSON.parse(formatJson(findings))).toEqual(findings);
  });
});

describe('SARIF reporter', () => {
  it('produces a SARIF 2.1.0 log with every rule and one result per finding', () => {
    const log = JSON.parse(formatSarif(findings, rules, '0.1.0')) as {
      runs: { tool: { driver: { rules: unknown[] } }; results: { ruleId: string; level: string; ruleIndex: number }[] }[];
    };
    const validate = new Ajv({ strict: false }).compile(sarifShape);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0]?.tool.driver.rules).toHaveLength(rules.length);
    expect(log.runs[0]?.results.map((result) => [result.ruleId, result.level])).toEqual([
      ['security/privileged', 'error'],
      ['docs/unknown-port', 'warning'],
      ['compose/unused-env-key', 'note'],
    ]);
    expect(log.runs[0]?.results[0]?.ruleIndex).toBe(rules.findIndex((rule) => rule.id === 'security/privileged'));
  });
});
