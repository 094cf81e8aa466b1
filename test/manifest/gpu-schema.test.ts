import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/index.js';
import { ManifestError } from '../../src/errors.js';
import { parseManifest } from '../../src/manifest/parse.js';

const ids = catalog.map((entry) => entry.id);
const manifestWith = (gpu: string): string => `name: lab\ndomain: ai.example.com\nservices:\n  ollama:\n    gpu: ${gpu}\n`;

function formatted(text: string): string {
  try {
    parseManifest(text, 'aistack.yaml', ids);
  } catch (error: unknown) {
    if (error instanceof ManifestError) return error.format();
    throw error;
  }
  throw new Error('expected a ManifestError');
}

const valid: readonly { readonly gpu: string; readonly parsed: unknown }[] = [
  { gpu: 'true', parsed: true },
  { gpu: 'false', parsed: false },
  { gpu: 'nvidia', parsed: 'nvidia' },
  { gpu: 'amd', parsed: 'amd' },
];

const invalid: readonly { readonly gpu: string; readonly error: string }[] = [
  {
    gpu: 'intel',
    error: 'aistack.yaml:5:10 AIS_MANIFEST_INVALID_VALUE services.ollama.gpu: expected one of true, false, "nvidia", "amd", got "intel"',
  },
  {
    gpu: 'NVIDIA',
    error: 'aistack.yaml:5:10 AIS_MANIFEST_INVALID_VALUE services.ollama.gpu: expected one of true, false, "nvidia", "amd", got "NVIDIA"',
  },
  {
    gpu: '1',
    error: 'aistack.yaml:5:10 AIS_MANIFEST_INVALID_VALUE services.ollama.gpu: expected one of true, false, "nvidia", "amd", got 1',
  },
  {
    gpu: '{ vendor: amd }',
    error: 'aistack.yaml:5:10 AIS_MANIFEST_INVALID_VALUE services.ollama.gpu: expected one of true, false, "nvidia", "amd", got a mapping',
  },
];

describe('services.<id>.gpu', () => {
  it.each(valid)('accepts gpu: $gpu', ({ gpu, parsed }) => {
    expect(parseManifest(manifestWith(gpu), 'aistack.yaml', ids).services.ollama?.gpu).toEqual(parsed);
  });

  it.each(invalid)('refuses gpu: $gpu at the value', ({ gpu, error }) => {
    expect(formatted(manifestWith(gpu))).toBe(error);
  });
});
