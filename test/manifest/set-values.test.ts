import { describe, expect, it } from 'vitest';
import { setManifestValues } from '../../src/manifest/set-values.js';

const TEXT = [
  '# my stack',
  'name: demo',
  'domain: ai.example.com # public name',
  '',
  'services:',
  '  # chat for the team',
  '  open-webui:',
  '    resources: { memory: 1g } # measured',
  '  ollama:',
  '',
  'backup:',
  '  schedule: "0 3 * * *" # nightly',
  '',
].join('\n');

describe('setManifestValues', () => {
  it('changes a value inside a flow mapping and keeps every comment and blank line', () => {
    expect(setManifestValues(TEXT, [{ path: ['services', 'open-webui', 'resources', 'memory'], value: '2g' }])).toBe(
      TEXT.replace('resources: { memory: 1g } # measured', 'resources: { memory: 2g } # measured'),
    );
  });

  // The yaml Document keeps the blank line after a null value with that value; a new mapping there drops it.
  it('adds a key under a service written as `<id>:` alone', () => {
    expect(setManifestValues(TEXT, [{ path: ['services', 'ollama', 'gpu'], value: true }])).toBe(
      TEXT.replace('  ollama:\n\n', '  ollama:\n    gpu: true\n'),
    );
  });

  it('removes a key with the comment on its line, and a service left empty stays enabled as `<id>:`', () => {
    expect(setManifestValues(TEXT, [{ path: ['services', 'open-webui', 'resources', 'memory'] }])).toBe(
      TEXT.replace('  open-webui:\n    resources: { memory: 1g } # measured\n', '  open-webui:\n'),
    );
  });

  it('splices a changed scalar into its place, leaving the flow sequences of other lines as written', () => {
    const text =
      'name: demo\ndomain: d.example\ncustom:\n  app:\n    image: a:1\n    command: [sh, -c, "x"]\n    resources: {memory: 1g}\n';
    expect(setManifestValues(text, [{ path: ['custom', 'app', 'resources', 'memory'], value: '2g' }])).toBe(text.replace('1g', '2g'));
    expect(setManifestValues(text, [{ path: ['custom', 'app', 'image'], value: 'registry.test:5000/a:2' }])).toBe(
      text.replace('image: a:1', 'image: "registry.test:5000/a:2"'),
    );
  });

  it('returns the text byte for byte when nothing changes', () => {
    expect(setManifestValues(TEXT, [{ path: ['name'], value: 'demo' }, { path: ['tls', 'mode'] }])).toBe(TEXT);
  });

  it('refuses __proto__ in a key path', () => {
    expect(() => setManifestValues(TEXT, [{ path: ['__proto__', 'x'], value: 1 }])).toThrow(
      expect.objectContaining({ code: 'AIS_MANIFEST_INVALID_KEY' }),
    );
  });
});
