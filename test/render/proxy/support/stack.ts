import { parse } from 'yaml';
import { catalog } from '../../../../src/catalog/index.js';
import { manifestSchema } from '../../../../src/manifest/schema.js';
import { resolveStack } from '../../../../src/stack/resolve.js';
import type { Stack } from '../../../../src/stack/types.js';

/** aistack.yaml text → Stack, through the schema and the real resolver. */
export function stackFromYaml(text: string): Stack {
  return resolveStack(manifestSchema.parse(parse(text)), catalog);
}
