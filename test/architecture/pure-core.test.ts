import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The pure core takes and returns data: no file system, processes, network, Docker, SQLite, clock,
 * environment or randomness. scripts/pure-core.json is the one list of core folders (ESLint reads it too).
 */
interface PureCore {
  readonly core: readonly string[];
  readonly forbiddenImports: readonly string[];
  readonly forbiddenGlobals: readonly string[];
  /** Modules the core may import for their pure functions (a hash), but not these names (randomness). */
  readonly forbiddenImportNames: Readonly<Record<string, readonly string[]>>;
  readonly exceptions: readonly string[];
}

const root = path.resolve(import.meta.dirname, '../..');
const config = JSON.parse(await readFile(path.join(root, 'scripts/pure-core.json'), 'utf8')) as PureCore;

async function sourceFiles(directory: string): Promise<string[]> {
  const entries = await readdir(path.join(root, directory), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Every forbidden import (static, dynamic, require) and global read in one file, as `file:line: what`. */
export function findImpurities(
  file: string,
  text: string,
  rules: Pick<PureCore, 'forbiddenImports' | 'forbiddenGlobals'> & Partial<Pick<PureCore, 'forbiddenImportNames'>>,
): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const imports = new Set(rules.forbiddenImports);
  const globals = new Set(rules.forbiddenGlobals);
  const found: string[] = [];
  const at = (node: ts.Node, what: string): void => {
    found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${what}`);
  };
  const checkModule = (node: ts.Node, specifier: ts.Expression | undefined): void => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const name = specifier.text.replace(/^node:/, '');
    if (imports.has(name) || imports.has(name.split('/')[0] ?? name)) at(node, `imports ${specifier.text}`);
    const names = rules.forbiddenImportNames?.[name];
    if (!names) return;
    const bindings = ts.isImportDeclaration(node) ? node.importClause?.namedBindings : undefined;
    if (!bindings || ts.isNamespaceImport(bindings)) {
      at(node, `imports all of ${specifier.text}`);
      return;
    }
    for (const element of bindings.elements) {
      const imported = (element.propertyName ?? element.name).text;
      if (names.includes(imported)) at(element, `imports ${imported} from ${specifier.text}`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) checkModule(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      checkModule(node, node.moduleReference.expression);
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    )
      checkModule(node, node.arguments[0]);
    else if (ts.isPropertyAccessExpression(node) && globals.has(node.getText(source).replace(/^globalThis\./, '')))
      at(node, `reads ${node.getText(source)}`);
    else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'Date' &&
      (node.arguments?.length ?? 0) === 0 &&
      globals.has('new Date()')
    )
      at(node, 'reads the clock (new Date())');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('pure core', () => {
  it('imports no I/O module and reads no clock, environment or randomness, with no exceptions', async () => {
    const offenders: string[] = [];
    for (const directory of config.core) {
      for (const file of await sourceFiles(directory)) {
        if (config.exceptions.includes(file)) continue;
        offenders.push(...findImpurities(file, await readFile(path.join(root, file), 'utf8'), config));
      }
    }
    expect(offenders).toEqual([]);
    expect(config.exceptions).toEqual([]);
  });

  it('catches each kind of impurity, and ignores look-alikes', () => {
    const text = [
      "import { readFile } from 'node:fs/promises';",
      "import type Docker from 'dockerode';",
      "export { connect } from 'net';",
      "const sqlite = await import('better-sqlite3');",
      'const home = process.env.HOME;',
      'const here = process.cwd();',
      'const at = Date.now();',
      'const today = new Date();',
      'const roll = Math.random();',
      "const fixed = new Date('2026-01-01');",
      "import { parse } from 'yaml';",
      "const word = 'Date.now() and process.env in a string';",
    ].join('\n');
    expect(findImpurities('x.ts', text, config)).toEqual([
      'x.ts:1: imports node:fs/promises',
      'x.ts:2: imports dockerode',
      'x.ts:3: imports net',
      'x.ts:4: imports better-sqlite3',
      'x.ts:5: reads process.env',
      'x.ts:6: reads process.cwd',
      'x.ts:7: reads Date.now',
      'x.ts:8: reads the clock (new Date())',
      'x.ts:9: reads Math.random',
    ]);
  });

  it('lists folders that exist', async () => {
    for (const directory of config.core) expect((await sourceFiles(directory)).length, directory).toBeGreaterThan(0);
  });
});
