import { describe, expect, it } from 'vitest';
import { interpolate, parseEnvFile } from '../../../src/check/model/interpolate.js';

const variables = new Map([
  ['SET', 'value'],
  ['EMPTY', ''],
]);

describe('interpolate', () => {
  it('substitutes every compose form', () => {
    expect(
      interpolate('${SET} $SET ${EMPTY:-d1} ${EMPTY-d2} ${UNSET-d3} ${UNSET:-d4} ${SET:+alt} ${UNSET:+alt} $$SET', variables).value,
    ).toBe('value value d1  d3 d4 alt  $SET');
  });

  it('reports references with offsets and whether they have a default or are required', () => {
    expect(interpolate('a${X:?missing}b${Y:-1}', variables).references).toEqual([
      { name: 'X', offset: 1, length: 13, hasDefault: false, required: true, missing: 'missing' },
      { name: 'Y', offset: 15, length: 7, hasDefault: true, required: false, defaultValue: '1' },
    ]);
  });

  it('${VAR:?message} is missing when unset or empty, ${VAR?message} only when unset', () => {
    expect(interpolate('${EMPTY:?need it}', variables).references[0]?.missing).toBe('need it');
    expect(interpolate('${EMPTY?need it}', variables).references[0]?.missing).toBeUndefined();
    expect(interpolate('${UNSET?need it}', variables).references[0]?.missing).toBe('need it');
    expect(interpolate('${SET:?need it}', variables).references[0]?.missing).toBeUndefined();
  });
});

describe('parseEnvFile', () => {
  it('reads keys, quotes, export prefixes and comments with their line', () => {
    expect(parseEnvFile('# comment\nA=1\nexport B="two words"\n  C=three # note\nD=\n')).toEqual([
      { name: 'A', value: '1', line: 2, column: 1, references: [], valueColumn: 3 },
      { name: 'B', value: 'two words', line: 3, column: 1, references: [], valueColumn: 10 },
      { name: 'C', value: 'three', line: 4, column: 3, references: [], valueColumn: 5 },
      { name: 'D', value: '', line: 5, column: 1, references: [], valueColumn: 3 },
    ]);
  });

  it('interpolates from the environment and earlier keys, not inside single quotes; the environment wins', () => {
    const entries = parseEnvFile(
      "HOST=db\nURL=postgres://${HOST}:${PORT:-5432}/app\nRAW='${HOST}'\nHOME=/x\n",
      new Map([['HOME', '/root']]),
    );
    expect(entries.map((entry) => [entry.name, entry.value, entry.references.map((reference) => reference.name)])).toEqual([
      ['HOST', 'db', []],
      ['URL', 'postgres://db:5432/app', ['HOST', 'PORT']],
      ['RAW', '${HOST}', []],
      ['HOME', '/x', []],
    ]);
  });
});
