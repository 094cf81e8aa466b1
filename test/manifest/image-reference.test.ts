import { describe, expect, it } from 'vitest';
import { isImageReference, isRegistryPrefix } from '../../src/manifest/image-reference.js';

const valid = [
  'nginx',
  'nginx:1.29.4-alpine',
  'library/postgres:17',
  'registry.internal:5000/team/api:1.4.2',
  'localhost:5000/x',
  '[::1]:5000/x:y',
  'a/b_c__d-e--f.g:TAG_1.0-rc',
  `x@sha256:${'a'.repeat(64)}`,
  `x:1@sha256:${'0'.repeat(64)}`,
];
const invalid = [
  '',
  '--output=/x',
  '-x',
  'nginx latest',
  'Nginx',
  'example/N8N:1',
  'a//b',
  'a/',
  ':tag',
  'x:',
  `x:${'t'.repeat(129)}`,
  'x@sha256:short',
  'x\nrm -rf /',
  'x\u0000',
  "x'y",
  `${'a'.repeat(256)}:1`,
];

describe('isImageReference', () => {
  it('accepts what docker accepts', () => {
    for (const reference of valid) expect(isImageReference(reference), reference).toBe(true);
  });
  it('refuses options, spaces, upper-case paths, control characters and over-long names', () => {
    for (const reference of invalid) expect(isImageReference(reference), JSON.stringify(reference)).toBe(false);
  });
});

describe('isRegistryPrefix', () => {
  it('accepts a host with an optional port and path', () => {
    for (const prefix of ['registry.internal:5000/mirror', 'registry.internal', 'localhost:5000', 'mirror.example.org/a/b/'])
      expect(isRegistryPrefix(prefix), prefix).toBe(true);
  });
  it('refuses a tag, an option and a space', () => {
    for (const prefix of ['registry.internal/mirror:latest', '--x', 'a b', 'https://registry.internal'])
      expect(isRegistryPrefix(prefix), prefix).toBe(false);
  });
});
