import type { Stack } from '../stack/types.js';
import type { RenderedFile } from './types.js';
import { GENERATED_NOTICE } from './types.js';

/**
 * .env: only what docker compose itself reads. compose.yaml is fully rendered, so it needs no
 * variables; secrets never go here.
 */
export function renderEnv(stack: Stack): RenderedFile {
  return {
    path: '.env',
    content: [
      `# ${GENERATED_NOTICE}`,
      '# Secrets are never written here: they live in .aistack/secrets/ and reach containers as files.',
      `COMPOSE_PROJECT_NAME=${stack.name}`,
      '',
    ].join('\n'),
  };
}
