import { describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check-shell/check-files.js';
import { createProjectContext } from '../../src/check/project-context.js';
import { fullPresetIds } from '../../src/cli/init.js';
import { renderPreset } from '../../src/manifest/presets.js';
import type { PresetName } from '../../src/manifest/presets.js';
import { resolveProjectText } from '../../src/project/load.js';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { renderStack } from '../../src/render/index.js';

async function checkPreset(preset: PresetName, extra = ''): Promise<string[]> {
  const text = renderPreset(preset, { name: 'ai', domain: 'ai.example.com', serviceIds: fullPresetIds() }) + extra;
  const project = resolveProjectText(resolveProjectPaths('/nonexistent/aistack'), text);
  const files = renderStack(project.stack);
  const content = (file: string): string => files.find((candidate) => candidate.path === file)?.content ?? '';
  const findings = await checkFiles({
    composeFile: '/nonexistent/aistack/compose.yaml',
    composeText: content('compose.yaml'),
    envText: content('.env'),
    docs: [{ file: 'STACK.md', text: content('STACK.md') }],
    project: createProjectContext(project.stack),
    probe: false,
    relativeTo: '/nonexistent/aistack',
  });
  return findings
    .filter((finding) => finding.severity !== 'info')
    .map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId} ${finding.message}`);
}

describe('generated stacks', () => {
  it('the starter stack has no findings: the socket proxy allowlists paths on a network of its own with the monitor', async () => {
    expect(await checkPreset('starter')).toEqual([]);
  });

  it('the full stack (every catalog service) has no findings', async () => {
    expect(await checkPreset('full')).toEqual([]);
  });

  it('the console route has no findings: STACK.md links it, the certificate and the proxy serve its host', async () => {
    expect(await checkPreset('starter', 'console:\n  route: true\n')).toEqual([]);
  });
});
