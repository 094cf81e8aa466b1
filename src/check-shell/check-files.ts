import path from 'node:path';
import { catalog } from '../catalog/index.js';
import { createCatalogFacts } from '../check/catalog-facts.js';
import { checkCompose } from '../check/check-compose.js';
import { loadCompose } from '../check/model/compose-model.js';
import type { ComposeModel } from '../check/model/compose-model.js';
import { CheckError } from '../errors.js';
import type { CertificateFact, DisabledRule, Facts, Finding, ProjectContext, RuleDefinition } from '../check/types.js';
import { gatherCertificate } from './gather-certificate.js';
import { gatherDockerfiles } from './gather-dockerfiles.js';
import { gatherProjectFiles } from './gather-project-files.js';
import { gatherFileModes } from './gather-file-modes.js';
import { gatherPortsInUse } from './gather-ports-in-use.js';
import { loadComposeValidator } from './load-compose-validator.js';
import { readDocs } from './read-docs.js';
import type { DocumentInput } from './read-docs.js';
import { readOptionalText, readText } from './read-text.js';

export interface CheckFilesInput {
  /** The compose file (`-f`); `composeText` skips reading it (render checks what it is about to write). */
  readonly composeFile: string;
  readonly composeText?: string;
  /** More compose files merged over the first (`-f a -f b`, COMPOSE_FILE). */
  readonly overrideFiles?: readonly string[];
  /** The project's `.env` text (render); `''` means none. Otherwise `.env` (or `.env.example`) next to the first file is read. */
  readonly envText?: string;
  /** `--profile` / COMPOSE_PROFILES; undefined: every profile is checked, conflicts only within one profile. */
  readonly profiles?: readonly string[];
  /** Markdown files or directories (searched for *.md). */
  readonly docs?: readonly DocumentInput[];
  readonly project?: ProjectContext;
  readonly disabled?: readonly DisabledRule[];
  /** Certificates to check: `{ certificate, key }` pairs of PEM files. */
  readonly certificates?: readonly { readonly certificate: string; readonly key?: string }[];
  /** Probe host ports and stat secret files. @default true */
  readonly probe?: boolean;
  /** Variables of the calling environment. @default {} */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Facts to use instead of gathering them (tests), or gathered elsewhere (drift, git). */
  readonly facts?: Partial<Facts>;
  /** Ports the project's own running containers hold (not a conflict). */
  readonly ownPorts?: ReadonlySet<number>;
  readonly rules?: readonly RuleDefinition[];
  /** Paths in findings are shown relative to this directory. */
  readonly relativeTo: string;
}

/** Past this many rounds of reading named files, include and extends are taken to form a cycle. */
const MAX_INCLUDE_LEVELS = 50;

/** Load the Compose model, reading each file it names (include, extends, .env) until it needs no more. */
async function loadComposeFiles(
  files: readonly string[],
  sources: Map<string, string | undefined>,
  relativeTo: string,
  environment: Readonly<Record<string, string | undefined>>,
  profiles: readonly string[] | undefined,
): Promise<ComposeModel> {
  for (let round = 0; round < MAX_INCLUDE_LEVELS; round += 1) {
    const result = loadCompose({ files, sources, environment, ...(profiles ? { profiles } : {}) });
    if (!result.missing) return result.model;
    for (const file of result.missing) sources.set(file, await readOptionalText(path.resolve(relativeTo, file)));
  }
  throw new CheckError('AIS_CHECK_UNREADABLE', {
    file: files[0] ?? 'compose.yaml',
    levels: MAX_INCLUDE_LEVELS,
    hint: 'look for an include or extends cycle',
  });
}

/** Read a compose project with its docs, gather the facts of this machine, and check it. Throws CheckError (exit 2) when it cannot run. */
export async function checkFiles(input: CheckFilesInput): Promise<Finding[]> {
  const display = (file: string): string => path.relative(input.relativeTo, file) || file;
  const environment = input.environment ?? {};
  const entries = [input.composeFile, ...(input.overrideFiles ?? [])];
  const sources = new Map<string, string | undefined>();
  sources.set(display(input.composeFile), input.composeText ?? (await readText(input.composeFile, 'compose file')));
  for (const file of input.overrideFiles ?? []) sources.set(display(file), await readText(file, 'compose file'));
  if (input.envText !== undefined) {
    const directory = path.dirname(input.composeFile);
    sources.set(display(path.join(directory, '.env')), input.envText === '' ? undefined : input.envText);
    sources.set(display(path.join(directory, '.env.example')), undefined);
  }
  const compose = await loadComposeFiles(entries.map(display), sources, input.relativeTo, environment, input.profiles);
  const probe = input.probe ?? true;
  const certificates: CertificateFact[] = [];
  for (const pair of input.certificates ?? []) {
    const fact = await gatherCertificate(pair.certificate, pair.key, display(pair.certificate));
    if (fact) certificates.push(fact);
  }
  const facts: Facts = {
    ...input.facts,
    now: input.facts?.now ?? new Date().toISOString(),
    portsInUse: input.facts?.portsInUse ?? (probe ? await gatherPortsInUse(compose, input.ownPorts) : []),
    fileModes: input.facts?.fileModes ?? (probe ? await gatherFileModes(compose, path.dirname(input.composeFile)) : []),
    certificates: input.facts?.certificates ?? certificates,
    dockerfiles: input.facts?.dockerfiles ?? (await gatherDockerfiles(compose, path.dirname(input.composeFile))),
    ...(await gatherProjectFiles(path.dirname(input.composeFile), display)),
    ...input.facts,
  };
  return checkCompose({
    compose,
    docs: await readDocs(input.docs ?? [], input.relativeTo),
    facts,
    catalog: createCatalogFacts(catalog),
    validate: await loadComposeValidator(),
    environment,
    project: input.project,
    ...(input.disabled ? { disabled: input.disabled } : {}),
    ...(input.rules ? { rules: input.rules } : {}),
  });
}
