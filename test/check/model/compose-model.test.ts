import { describe, expect, it } from 'vitest';
import { parseCompose } from '../../../src/check/model/compose-model.js';
import { CheckError } from '../../../src/errors.js';

describe('parseCompose', () => {
  it('throws AIS_CHECK_INVALID_YAML with the position of the syntax error', () => {
    let error: unknown;
    try {
      parseCompose({ file: 'compose.yaml', text: 'services:\n  web:\n    image: nginx:1.27\n    image: nginx:1.28\n' });
    } catch (caught: unknown) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CheckError);
    expect((error as CheckError).code).toBe('AIS_CHECK_INVALID_YAML');
    expect((error as CheckError).message).toBe('invalid YAML: duplicated mapping key');
    expect((error as CheckError).location).toEqual({ file: 'compose.yaml', line: 4, column: 5 });
  });

  it('interpolates from .env and keeps the positions of the nodes', () => {
    const model = parseCompose({
      file: 'compose.yaml',
      text: 'services:\n  web:\n    image: "nginx:${TAG:-1.27}"\n',
      envFile: '.env',
      envText: 'TAG=1.28\n',
    });
    expect(model.services[0]?.value['image']).toBe('nginx:1.28');
    expect(model.rangeOf(['services', 'web', 'image'])).toEqual({ file: 'compose.yaml', line: 3, column: 12, endLine: 3, endColumn: 32 });
    expect(model.keyRangeOf(['services', 'web'])).toEqual({ file: 'compose.yaml', line: 2, column: 3, endLine: 2, endColumn: 6 });
    expect(model.variableUses).toEqual([
      {
        name: 'TAG',
        hasDefault: true,
        required: false,
        defaultValue: '1.27',
        range: { file: 'compose.yaml', line: 3, column: 19, endLine: 3, endColumn: 31 },
      },
    ]);
  });

  it('resolves merge keys and anchors', () => {
    const model = parseCompose({
      file: 'compose.yaml',
      text: 'x-base: &base\n  restart: always\nservices:\n  web:\n    <<: *base\n    image: nginx:1.27\n',
    });
    expect(model.services[0]?.value['restart']).toBe('always');
  });
});
