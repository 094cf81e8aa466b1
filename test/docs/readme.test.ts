import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { manifestSchema } from '../../src/manifest/schema.js';
import { createProgram } from '../../src/cli/program.js';
import { checkRenderedFiles } from '../../src/project/check-rendered.js';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { resolveProjectText } from '../../src/project/load.js';
import { renderProjectFiles } from '../../src/project/render-project.js';
import { renderPreset } from '../../src/manifest/presets.js';
import { fullPresetIds } from '../../src/cli/init.js';

/**
 * Manifest examples in README.md and docs/*.md: YAML blocks whose top-level keys are manifest keys.
 * A fragment (`monitor:`, `backup:` …) is laid over the starter manifest, the way a user adds it.
 */
async function manifestExamples(): Promise<{ where: string; manifest: string }[]> {
  const keys = new Set(Object.keys(manifestSchema.shape));
  const base = parse(renderPreset('starter', { name: 'example', domain: 'ai.example.com', serviceIds: fullPresetIds() })) as Record<
    string,
    unknown
  >;
  const files = [
    'README.md',
    ...(await readdir(path.join(root, 'docs'))).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`),
  ];
  const examples: { where: string; manifest: string }[] = [];
  for (const file of files) {
    const text = await readFile(path.join(root, file), 'utf8');
    for (const match of text.matchAll(/```ya?ml[^\n]*\n([\s\S]*?)```/g)) {
      const document = parse(match[1] ?? '') as unknown;
      if (typeof document !== 'object' || document === null || Array.isArray(document)) continue;
      if (!Object.keys(document).every((key) => keys.has(key))) continue;
      const where = `${file}:${text.slice(0, match.index).split('\n').length}`;
      const full = 'services' in document ? document : { ...base, ...document };
      examples.push({ where, manifest: stringify(full) });
    }
  }
  return examples;
}

/** README.md is checked against the code like any stack's docs. */
const root = path.resolve(import.meta.dirname, '../..');
const readme = await readFile(path.join(root, 'README.md'), 'utf8');
const codeBlocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((match) => ({ lang: match[1] ?? '', body: match[2] ?? '' }));

describe('README.md', () => {
  it('starts with the install-and-run command and the test command, and .ci/run runs that test command', async () => {
    const first = codeBlocks[0]!.body
      .split('\n')
      .map((line) => line.replace(/\s+#.*$/, '').trim())
      .filter(Boolean);
    expect(first).toEqual(['npm ci && npm run aistack -- up', 'npm test']);
    const scripts = (JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.aistack).toBe('node dist/cli/main.js');
    const ci = await readFile(path.join(root, '.ci/run'), 'utf8');
    expect(ci.split('\n').filter((line) => line.trim() === 'npm test')).toHaveLength(1);
  });

  it('names only commands, subcommands and flags the CLI has', async () => {
    const program = await createProgram();
    const problems: string[] = [];
    for (const block of codeBlocks) {
      for (const raw of block.body.split('\n')) {
        const line = raw.replace(/\s+#.*$/, '').trim();
        if (!line.startsWith('aistack ')) continue;
        const words = line.split(/\s+/).slice(1);
        let command: Command = program;
        for (const word of words) {
          if (word.startsWith('-')) {
            const flag = word.split('=')[0]!;
            const known =
              [...command.options, ...program.options].some((option) => option.long === flag || option.short === flag) || flag === '--help';
            if (!known) problems.push(`${line}: ${command.name()} has no ${flag}`);
            continue;
          }
          const sub = command.commands.find((candidate) => candidate.name() === word);
          if (sub) command = sub;
          else if (command === program) problems.push(`${line}: no command ${word}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows a manifest that aistack accepts', () => {
    const example = codeBlocks.find((block) => block.lang === 'yaml' && block.body.includes('services:'));
    expect(example).toBeDefined();
    const stack = resolveProjectText(resolveProjectPaths(root), example!.body).stack;
    expect(stack.services.find((service) => service.id === 'n8n')?.route?.url).toBe('https://ai.example.com/n8n/');
  });

  it('every manifest example in README.md and docs/ renders, and check finds no error in what it renders', async () => {
    const examples = await manifestExamples();
    // README's own manifest example is among them, wherever it sits in the file.
    const readmeExample = readFileSync(path.join(root, 'README.md'), 'utf8').split('\n').indexOf('```yaml') + 1;
    expect(examples.map((example) => example.where)).toContain(`README.md:${readmeExample}`);
    const problems: string[] = [];
    for (const example of examples) {
      const project = resolveProjectText(resolveProjectPaths('/tmp/aistack-doc-example'), example.manifest);
      const findings = await checkRenderedFiles(project, renderProjectFiles(project), { probe: false });
      for (const finding of findings.filter((candidate) => candidate.severity === 'error'))
        problems.push(`${example.where}: ${finding.file}:${finding.line} ${finding.ruleId} ${finding.message}`);
    }
    expect(problems).toEqual([]);
  });

  it('has no documentation drift against the starter stack it describes', async () => {
    const text = renderPreset('starter', { name: 'aistack', domain: 'ai.example.com', serviceIds: fullPresetIds() });
    const project = resolveProjectText(resolveProjectPaths('/tmp/aistack-readme'), text);
    const files = [...renderProjectFiles(project), { path: 'README.md', content: readme }];
    const findings = await checkRenderedFiles(project, files, { probe: false });
    expect(findings.map((finding) => `${finding.file}:${finding.line} ${finding.ruleId} ${finding.message}`)).toEqual([]);
  });
});
