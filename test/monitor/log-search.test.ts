import { describe, expect, it } from 'vitest';
import { compileLogRegex, createLogFilter } from '../../src/monitor/log-search.js';
import type { LogLine } from '../../src/monitor/types.js';

const line = (service: string, at: number, level: LogLine['level'], text: string): LogLine => ({
  service,
  at,
  stream: 'stdout',
  level,
  text,
});
const lines: LogLine[] = [
  line('n8n', 1000, 'info', 'Editor is now accessible via http://localhost:5678'),
  line('n8n', 2000, 'error', 'Error: connect ECONNREFUSED 10.0.0.2:5432'),
  line('postgres', 3000, 'warn', 'WARNING: could not flush dirty data'),
  line('redis', 4000, 'unknown', 'GET /x 200'),
];

describe('createLogFilter', () => {
  it('filters by service, time range, text (case-insensitive) and regex', () => {
    expect(lines.filter(createLogFilter({ services: ['n8n'] })).map((entry) => entry.at)).toEqual([1000, 2000]);
    expect(lines.filter(createLogFilter({ since: 2000, until: 3000 })).map((entry) => entry.at)).toEqual([2000, 3000]);
    expect(lines.filter(createLogFilter({ text: 'econnrefused' })).map((entry) => entry.at)).toEqual([2000]);
    expect(lines.filter(createLogFilter({ regex: '\\d+\\.\\d+\\.\\d+\\.\\d+:5432' })).map((entry) => entry.at)).toEqual([2000]);
  });

  it('keeps lines at or above the level asked for', () => {
    expect(lines.filter(createLogFilter({ level: 'warn' })).map((entry) => entry.level)).toEqual(['error', 'warn']);
    expect(lines.filter(createLogFilter({ level: 'error' })).map((entry) => entry.level)).toEqual(['error']);
    expect(lines.filter(createLogFilter({ level: 'unknown' })).map((entry) => entry.level)).toEqual(['unknown']);
  });
});

describe('compileLogRegex', () => {
  it('refuses patterns that can backtrack exponentially', () => {
    for (const pattern of ['(a+)+$', '(a|aa)*b', '(\\w+\\s?)*$', '((ab)*)+']) {
      expect(() => compileLogRegex(pattern), pattern).toThrow(
        'a repeated group containing another repetition or an alternation (like (a+)+) can take exponential time and is not allowed',
      );
    }
  });

  it('refuses back-references, lookarounds and long patterns', () => {
    expect(() => compileLogRegex('(a)\\1')).toThrow('back-references and lookarounds are not allowed in log searches');
    expect(() => compileLogRegex('(?=x)')).toThrow('back-references and lookarounds are not allowed in log searches');
    expect(() => compileLogRegex('a'.repeat(201))).toThrow('the search pattern is 201 characters long; the limit is 200');
  });

  it('reports an invalid pattern with its code', () => {
    expect(() => compileLogRegex('([')).toThrow(expect.objectContaining({ code: 'AIS_MONITOR_BAD_REGEX' }));
  });

  it('accepts ordinary patterns, including quantified groups without inner repetition', () => {
    expect(compileLogRegex('(GET|POST) /api/\\w+').test('post /api/users')).toBe(true);
    expect(compileLogRegex('(ab)+c').test('ababc')).toBe(true);
    expect(compileLogRegex('[(+*)]+').test('(+)')).toBe(true);
  });
});
