import { catalog } from '../../../src/catalog/index.js';
import { manifestSchema } from '../../../src/manifest/schema.js';
import type { ManifestInput } from '../../../src/manifest/schema.js';
import { resolveStack } from '../../../src/stack/resolve.js';
import type { Stack } from '../../../src/stack/types.js';

/** A resolved Stack from a manifest written inline. */
export function stackFrom(input: ManifestInput): Stack {
  return resolveStack(manifestSchema.parse(input), catalog);
}

/** The smallest valid stack (proxy, monitor, socket proxy), for engine tests that bring their own monitors. */
export function emptyStack(overrides: Partial<ManifestInput> = {}): Stack {
  return stackFrom({ name: 'demo', domain: 'ai.example.com', services: {}, ...overrides });
}
