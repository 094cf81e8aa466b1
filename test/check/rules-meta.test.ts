import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/check/registry.js';
import type { RuleDefinition } from '../../src/check/types.js';
import { runRuleCase } from './support/rule-tester.js';
import type { RuleCase } from './support/rule-tester.js';

const root = path.resolve(import.meta.dirname, '../..');

function ruleFiles(): string[] {
  const directory = path.join(root, 'src/check/rules');
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).replace(/\.ts$/, '').split(path.sep).join('/'))
    .sort();
}

interface CodeNode {
  readonly lang: string;
  readonly meta: string;
  readonly value: string;
}

const markdown = new MarkdownIt('commonmark');

/** The ❌ and ✅ sections of a rule page, each turned into one case (yaml = compose, dotenv = .env, markdown = README.md). */
function docExamples(text: string): { incorrect: RuleCase; correct: RuleCase; headings: string[] } {
  const tokens = markdown.parse(text, {});
  const headings: string[] = [];
  const sections = new Map<string, CodeNode[]>();
  let current = '';
  tokens.forEach((token, index) => {
    if (token.type === 'heading_open') {
      current = tokens[index + 1]?.content ?? '';
      headings.push(current);
      sections.set(current, []);
    } else if (token.type === 'fence') {
      const [lang = '', ...meta] = token.info.trim().split(/\s+/);
      sections.get(current)?.push({ lang, meta: meta.join(' '), value: token.content.replace(/\n$/, '') });
    }
  });
  const toCase = (name: string, nodes: readonly CodeNode[]): RuleCase => {
    const compose = nodes.find((node) => node.lang === 'yaml');
    const env = nodes.find((node) => node.lang === 'dotenv');
    const docs = nodes.find((node) => node.lang === 'markdown');
    const meta = compose?.meta ? (JSON.parse(compose.meta) as Partial<RuleCase>) : {};
    return {
      ...meta,
      name,
      compose: `${compose?.value ?? ''}\n`,
      ...(env ? { env: `${env.value ?? ''}\n` } : {}),
      ...(docs ? { docs: `${docs.value ?? ''}\n` } : {}),
    };
  };
  return {
    incorrect: toCase('incorrect', sections.get('❌ Incorrect') ?? []),
    correct: toCase('correct', sections.get('✅ Correct') ?? []),
    headings,
  };
}

describe('rule metadata', () => {
  it('every file under src/check/rules is a registered rule whose id is its path', () => {
    expect(rules.map((rule) => rule.id).sort()).toEqual(ruleFiles());
  });

  it('every description starts with Disallow, Require or Enforce and every rule has a test and a page', () => {
    const problems: string[] = [];
    for (const rule of rules) {
      if (!/^(Disallow|Require|Enforce) /.test(rule.description)) problems.push(`${rule.id}: description`);
      if (!existsSync(path.join(root, 'test/check/rules', `${rule.id}.test.ts`))) problems.push(`${rule.id}: no test`);
      if (!existsSync(path.join(root, 'docs/rules', `${rule.id}.md`))) problems.push(`${rule.id}: no docs page`);
    }
    expect(problems).toEqual([]);
  });

  it('no docs page is left from a removed rule', () => {
    const directory = path.join(root, 'docs/rules');
    const pages = readdirSync(directory, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
      .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)).replace(/\.md$/, '').split(path.sep).join('/'))
      .sort();
    expect(pages).toEqual(rules.map((rule) => rule.id).sort());
  });
});

describe('rule docs', () => {
  const check = (rule: RuleDefinition): void => {
    const text = readFileSync(path.join(root, 'docs/rules', `${rule.id}.md`), 'utf8');
    const { incorrect, correct, headings } = docExamples(text);
    expect(headings).toEqual([rule.id, 'Why it matters', '❌ Incorrect', '✅ Correct', 'Options', 'When not to use it', 'References']);
    expect(text).toContain(`${rule.description}.`);
    expect(text).toContain(`Severity: **${rule.severity}**`);
    expect(runRuleCase(rule, incorrect).length).toBeGreaterThan(0);
    expect(runRuleCase(rule, correct).map((finding) => finding.message)).toEqual([]);
  };
  for (const rule of rules) it(`${rule.id}: the ❌ example is reported and the ✅ example is not`, () => check(rule));
});
