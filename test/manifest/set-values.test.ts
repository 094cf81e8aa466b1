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

  it('adds a key under a service written as `<id>:` alone, keeping the blank line after it', () => {
    expect(setManifestValues(TEXT, [{ path: ['services', 'ollama', 'gpu'], value: true }])).toBe(
      TEXT.replace('  ollama:\n\n', '  ollama:\n    gpu: true\n\n'),
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

  describe('a new key keeps every other node as written (flow spacing, comments, blank lines)', () => {
    const text = [
      '# top',
      'name: demo',
      'custom:',
      '  app:',
      '    image: a:1',
      '    command: [sh,  -c, "x"]   # keep',
      '    env: {A: 1}',
      '  other:',
      '    resources: {memory: 1g}',
      '',
      'backup: {keep: {last: 3}}',
      '',
    ].join('\n');

    it('a key added to a flow mapping rewrites only that mapping', () => {
      expect(setManifestValues(text, [{ path: ['custom', 'app', 'env', 'B'], value: '2' }])).toBe(
        text.replace('env: {A: 1}', 'env: { A: 1, B: "2" }'),
      );
    });

    it('a key added to a block mapping is one new entry after its last one', () => {
      expect(setManifestValues(text, [{ path: ['custom', 'other', 'gpu'], value: true }])).toBe(
        text.replace('    resources: {memory: 1g}\n', '    resources: {memory: 1g}\n    gpu: true\n'),
      );
      expect(setManifestValues(text, [{ path: ['custom', 'app', 'resources', 'memory'], value: '2g' }])).toBe(
        text.replace('    env: {A: 1}\n', '    env: {A: 1}\n    resources:\n      memory: 2g\n'),
      );
    });

    it('a new top-level section goes at the end', () => {
      expect(setManifestValues(text, [{ path: ['tls', 'mode'], value: 'local' }])).toBe(`${text}tls:\n  mode: local\n`);
    });

    it('a key added inside a nested flow mapping rewrites only the innermost one', () => {
      expect(setManifestValues(text, [{ path: ['backup', 'keep', 'daily'], value: 7 }])).toBe(
        text.replace('backup: {keep: {last: 3}}', 'backup: {keep: { last: 3, daily: 7 }}'),
      );
    });
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
