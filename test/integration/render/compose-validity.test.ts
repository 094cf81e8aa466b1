import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalog } from '../../../src/catalog/index.js';
import { resolveProjectPaths } from '../../../src/project/paths.js';
import { resolveProjectText } from '../../../src/project/load.js';
import { renderProjectFiles } from '../../../src/project/render-project.js';
import { writeRenderedFiles } from '../../../src/project/write-files.js';
import { ensureComposeV2 } from '../../support/compose-v2.js';

/**
 * Every catalog service rendered alone, and all of them together, is a valid Compose project:
 * by the Compose Specification's JSON schema, by docker-compose 1.29 and by Compose v2.
 */
const run = promisify(execFile);
const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../schemas/compose-spec.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(schema);
const userFacing = catalog.filter((entry) => !entry.partOf && entry.category !== 'infrastructure').map((entry) => entry.id);

function manifestFor(ids: readonly string[]): string {
  return ['name: validity', 'domain: ai.example.com', 'services:', ...ids.map((id) => `  ${id}: {}`), ''].join('\n');
}

let workspace: string;
beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'aistack-compose-'));
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

async function renderInto(name: string, ids: readonly string[]): Promise<string> {
  const directory = path.join(workspace, name);
  const project = resolveProjectText(resolveProjectPaths(directory), manifestFor(ids));
  await writeRenderedFiles(directory, renderProjectFiles(project));
  return directory;
}

const cases: [string, readonly string[]][] = [
  ...userFacing.map((id): [string, readonly string[]] => [id, [id]]),
  ['everything', userFacing],
];

describe('rendered compose.yaml', () => {
  it.each(cases)('%s matches the Compose Specification schema', async (name, ids) => {
    const directory = await renderInto(`schema-${name}`, ids);
    const document = parse(readFileSync(path.join(directory, 'compose.yaml'), 'utf8')) as unknown;
    const valid = validate(document);
    expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(cases)(
    '%s passes `docker-compose config`',
    async (name, ids) => {
      const directory = await renderInto(`config-${name}`, ids);
      const { stdout, stderr } = await run(
        'docker-compose',
        ['--project-directory', directory, '-f', path.join(directory, 'compose.yaml'), 'config', '--services'],
        { cwd: directory },
      );
      const expected = resolveProjectText(resolveProjectPaths(directory), manifestFor(ids))
        .stack.services.map((service) => service.id)
        .sort();
      expect(stdout.trim().split('\n').sort()).toEqual(expected);
      expect(stderr).not.toMatch(/error/i);
    },
    60_000,
  );

  it.each(cases)(
    '%s passes Compose v2 `docker compose config`',
    async (name, ids) => {
      const directory = await renderInto(`config-v2-${name}`, ids);
      const env = { ...process.env, DOCKER_CONFIG: await ensureComposeV2() };
      const { stdout } = await run(
        'docker',
        ['compose', '--project-directory', directory, '-f', path.join(directory, 'compose.yaml'), 'config'],
        { cwd: directory, env },
      );
      const expected = resolveProjectText(resolveProjectPaths(directory), manifestFor(ids))
        .stack.services.map((service) => service.id)
        .sort();
      expect(Object.keys((parse(stdout) as { services: Record<string, unknown> }).services).sort()).toEqual(expected);
    },
    300_000,
  );
});
