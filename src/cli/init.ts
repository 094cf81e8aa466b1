import { access, appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { catalog } from '../catalog/index.js';
import { ManifestError } from '../errors.js';
import { collectManifestProblems, createProblemError } from '../manifest/parse.js';
import { renderPreset } from '../manifest/presets.js';
import { resolveProjectPaths } from '../project/paths.js';
import { resolveProjectText } from '../project/load.js';
import { commandOutput, projectDirectory } from './output.js';
import { isMissingFile } from '../util/is-missing-file.js';

export interface InitOptions {
  readonly preset: 'starter' | 'full';
  readonly name: string;
  readonly domain: string;
  readonly force?: boolean;
}

/** The flag each preset value comes from, for errors about the values the user typed. */
const FLAG_OF: Record<string, { readonly flag: string; readonly example: string }> = {
  name: { flag: '--name', example: '--name mystack' },
  domain: { flag: '--domain', example: '--domain ai.example.com' },
};

/** What `init` puts in .gitignore: secrets, TLS keys, state and backups never reach git. */
export const GITIGNORE_ENTRY = '.aistack/';

/** The ids `init --preset full` enables: every user-facing catalog service. */
export function fullPresetIds(): string[] {
  return catalog.filter((entry) => !entry.partOf && entry.category !== 'infrastructure').map((entry) => entry.id);
}

/** Write aistack.yaml for a preset (and keep .aistack/ out of git); refuses to overwrite unless forced. Returns the file path. */
export async function initProject(directory: string, options: InitOptions): Promise<string> {
  const paths = resolveProjectPaths(directory);
  if (
    !options.force &&
    (await access(paths.manifest).then(
      () => true,
      () => false,
    ))
  ) {
    throw new ManifestError('AIS_MANIFEST_EXISTS', {
      path: paths.manifest,
      hint: 'edit it, or run `aistack init --force` to replace it',
    });
  }
  const text = renderInitText(paths.directory, options);
  await writeFile(paths.manifest, text, { mode: 0o644 });
  await ensureGitignore(paths.directory);
  return paths.manifest;
}

/** The aistack.yaml `init` would write for a preset, validated (flag values name their flag); writes nothing. */
export function renderInitText(directory: string, options: InitOptions): string {
  const paths = resolveProjectPaths(directory);
  const text = renderPreset(options.preset, { name: options.name, domain: options.domain, serviceIds: fullPresetIds() });
  // A value from a flag is wrong: say which flag (the file it would go to does not exist yet).
  for (const problem of collectManifestProblems(
    text,
    'aistack.yaml',
    catalog.map((entry) => entry.id),
  )) {
    const source = FLAG_OF[problem.path];
    if (!source) continue;
    // The problem's own words, with the flag in place of the key path.
    const message = problem.message.replace(new RegExp(`^${problem.path}:`), `${source.flag}:`);
    throw createProblemError({ code: problem.code, message }, { hint: `e.g. ${source.example}` });
  }
  resolveProjectText(paths, text); // a preset that does not resolve is a bug: fail before writing
  return text;
}

/** Add `.aistack/` to the project's .gitignore (created when missing); returns whether it changed. */
export async function ensureGitignore(directory: string): Promise<boolean> {
  const file = path.join(directory, '.gitignore');
  const existing = await readFile(file, 'utf8').catch((error: unknown) => {
    if (isMissingFile(error)) return undefined;
    throw error;
  });
  if (existing === undefined) {
    await writeFile(file, `# aistack: secrets, TLS keys, state and backups stay out of version control.\n${GITIGNORE_ENTRY}\n`, {
      mode: 0o644,
    });
    return true;
  }
  const covered = existing.split(/\r?\n/).some((line) => ['.aistack', '.aistack/', '/.aistack', '/.aistack/'].includes(line.trim()));
  if (covered) return false;
  await appendFile(file, `${existing === '' || existing.endsWith('\n') ? '' : '\n'}${GITIGNORE_ENTRY}\n`);
  return true;
}

/** The stack name for a new aistack.yaml (see chooseStackName); the preferred one when Docker cannot be asked. */
export async function chooseFreeName(directory: string, preferred: string): Promise<{ readonly name: string; readonly note?: string }> {
  try {
    const { createEngine } = await import('../runtime/engine.js');
    const { chooseStackName } = await import('../runtime/stack-owner.js');
    const engine = createEngine();
    await engine.info();
    return await chooseStackName(engine, resolveProjectPaths(directory), preferred);
  } catch {
    return { name: preferred };
  }
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description(
      'Create aistack.yaml from a preset and explain what is in it; .gitignore keeps .aistack/ (secrets, keys, state) out of git',
    )
    .option('--preset <preset>', 'starter (Ollama, Open WebUI, LiteLLM, n8n, Qdrant) or full (every catalog service)', 'starter')
    .option('--name <name>', 'stack (compose project) name', 'aistack')
    .option('--domain <domain>', 'domain the proxy serves; each service gets a subdomain', 'ai.localhost')
    .option('--force', 'replace an existing aistack.yaml')
    .action(async (options: { preset: string; name: string; domain: string; force?: boolean }, command: Command) => {
      if (options.preset !== 'starter' && options.preset !== 'full') {
        throw new ManifestError('AIS_MANIFEST_UNKNOWN_PRESET', {
          preset: options.preset,
          hint: 'use --preset starter or --preset full',
        });
      }
      const directory = projectDirectory(command);
      // Not named on the command line: the default, unless another folder's stack has it on this Engine.
      const chosen = command.getOptionValueSource('name') === 'default' ? await chooseFreeName(directory, options.name) : undefined;
      if (chosen?.note) process.stderr.write(`note: ${chosen.note}\n`);
      const file = await initProject(directory, {
        preset: options.preset,
        name: chosen?.name ?? options.name,
        domain: options.domain,
        force: options.force ?? false,
      });
      commandOutput(command).info(
        [
          `Wrote ${file} (preset ${options.preset}); .gitignore keeps .aistack/ (secrets, TLS keys, state) out of git.`,
          '',
          'It lists the services to run (`services:`), the domain the proxy serves and how TLS is done.',
          'Services they need (PostgreSQL, Redis) are added for you. Next:',
          '  aistack services     # what else the catalog has; add with `aistack add <id>`',
          '  aistack render       # write compose.yaml, .env, proxy config and STACK.md',
          '  aistack up           # generate secrets and TLS, then start everything in order',
          '',
        ].join('\n'),
      );
    });
}
