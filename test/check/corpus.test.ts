import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check-shell/check-files.js';

// Compose projects written for this test, clean by construction, that use what real AI stacks use:
// several -f files, include (with its own .env), extends from another file, profile variants that
// share a port, env_file and bare environment entries, ${VAR:?} guards, a one-shot migration job,
// merge-key defaults, a Makefile, an nginx config and Markdown docs. Any finding is a false positive.
const corpus = path.join(import.meta.dirname, 'corpus');

describe('the compose corpus', () => {
  it('ai-starter (multi-file, include, extends, profiles, env_file, Makefile, nginx) has no findings', async () => {
    const directory = path.join(corpus, 'ai-starter');
    const findings = await checkFiles({
      composeFile: path.join(directory, 'compose.yaml'),
      overrideFiles: [path.join(directory, 'compose.prod.yaml')],
      docs: [{ file: path.join(directory, 'README.md') }, { file: path.join(directory, 'docs') }],
      probe: false,
      relativeTo: directory,
    });
    expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`)).toEqual([]);
  });

  it('ai-starter with --profile gpu has no findings either', async () => {
    const directory = path.join(corpus, 'ai-starter');
    const findings = await checkFiles({
      composeFile: path.join(directory, 'compose.yaml'),
      overrideFiles: [path.join(directory, 'compose.prod.yaml')],
      profiles: ['gpu'],
      probe: false,
      relativeTo: directory,
    });
    expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`)).toEqual([]);
  });
});
