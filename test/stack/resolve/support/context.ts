import { catalog } from '../../../../src/catalog/index.js';
import type { ManifestInput } from '../../../../src/manifest/schema.js';
import { manifestSchema } from '../../../../src/manifest/schema.js';
import { createResolveContext } from '../../../../src/stack/resolve/context.js';
import type { ResolveContext } from '../../../../src/stack/resolve/context.js';

/** A resolve context for a manifest (name and domain filled in) over the real catalog; errors point at `aistack.yaml:<path>`. */
export function contextOf(input: Partial<ManifestInput>): ResolveContext {
  const manifest = manifestSchema.parse({ name: 'demo', domain: 'ai.example.com', services: {}, ...input });
  return createResolveContext(manifest, catalog, (path) => ({ file: `aistack.yaml:${path.join('.')}`, line: 1, column: 1 }));
}

/** The code and message of what `run` throws. */
export function thrown(run: () => unknown): { code: string; message: string; file: string | undefined } {
  try {
    run();
  } catch (error: unknown) {
    const { code, message, location } = error as { code: string; message: string; location?: { file: string } };
    return { code, message, file: location?.file };
  }
  throw new Error('expected an error');
}
