import { describe, expect, it } from 'vitest';
import { addServices, removeServices } from '../../src/manifest/edit.js';

const manifest = [
  '# my lab',
  'name: lab  # compose project name',
  'domain: ai.example.com',
  '',
  '# what runs',
  'services:',
  '  # local models',
  '  ollama:        # GPU box',
  '  # vectors',
  '  qdrant: {}',
  '  n8n:',
  '    replicas: 2',
  '',
  '    gpu: false',
  '',
  '# certificates',
  'tls:',
  '  mode: self-signed',
  '',
].join('\n');

describe('addServices', () => {
  it('appends new ids at the end of services and keeps every comment and spacing', () => {
    expect(addServices(manifest, ['flowise', 'adminer'])).toBe(
      manifest.replace('    gpu: false\n', '    gpu: false\n  flowise:\n  adminer:\n'),
    );
  });

  it('returns the same text when every id is already enabled', () => {
    expect(addServices(manifest, ['ollama', 'n8n'])).toBe(manifest);
  });

  it('adds an id once when it is named twice', () => {
    expect(addServices(manifest, ['flowise', 'flowise'])).toBe(manifest.replace('    gpu: false\n', '    gpu: false\n  flowise:\n'));
  });

  it('creates the services section when there is none', () => {
    expect(addServices('name: lab\ndomain: ai.example.com\n', ['qdrant'])).toBe(
      'name: lab\ndomain: ai.example.com\nservices:\n  qdrant:\n',
    );
  });

  it('fills an empty services section and keeps its comment', () => {
    expect(addServices('name: lab\nservices: # none yet\ntls:\n  mode: self-signed\n', ['qdrant', 'ollama'])).toBe(
      'name: lab\nservices: # none yet\n  qdrant:\n  ollama:\ntls:\n  mode: self-signed\n',
    );
  });

  it('turns a flow-style services mapping into a block', () => {
    expect(addServices('name: lab\nservices: {}\n', ['qdrant'])).toBe('name: lab\nservices:\n  qdrant:\n');
  });

  it('refuses to edit text that is not valid YAML', () => {
    expect(() => addServices('name: lab\n\tservices:\n', ['qdrant'])).toThrow('invalid YAML: Tabs are not allowed as indentation');
  });
});

describe('removeServices', () => {
  it('removes an entry with the comment lines right above it, keeping the others', () => {
    expect(removeServices(manifest, ['ollama'])).toBe(manifest.replace('  # local models\n  ollama:        # GPU box\n', ''));
  });

  it('removes an entry with its overrides, blank lines inside them included', () => {
    expect(removeServices(manifest, ['n8n'])).toBe(manifest.replace('  n8n:\n    replicas: 2\n\n    gpu: false\n', ''));
  });

  it('returns the same text when none of the ids is enabled', () => {
    expect(removeServices(manifest, ['flowise'])).toBe(manifest);
  });

  it('leaves an empty services section when the last one goes', () => {
    expect(removeServices('name: lab\nservices:\n  qdrant:\ntls:\n  mode: acme\n', ['qdrant'])).toBe(
      'name: lab\nservices:\ntls:\n  mode: acme\n',
    );
  });
});
