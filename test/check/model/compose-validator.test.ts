import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

describe('the precompiled Compose Specification validator', () => {
  it('is what scripts/compile-compose-schema.mjs makes of schemas/compose-spec.json', async () => {
    const script = (await import(pathToFileURL(path.join(root, 'scripts/compile-compose-schema.mjs')).href)) as {
      compileComposeValidator: (text: string) => string;
      DECLARATIONS: string;
    };
    const schema = await readFile(path.join(root, 'schemas/compose-spec.json'), 'utf8');
    expect(script.compileComposeValidator(schema)).toBe(await readFile(path.join(root, 'schemas/compose-spec.validate.mjs'), 'utf8'));
    expect(script.DECLARATIONS).toBe(await readFile(path.join(root, 'schemas/compose-spec.validate.d.mts'), 'utf8'));
  });
});
