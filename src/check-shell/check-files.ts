import path from 'node:path';
import { catalog } from '../catalog/index.js';
import { createCatalogFacts } from '../check/catalog-facts.js';
import { checkCompose } from '../check/check-compose.js';
import { parseCompose } from '../check/model/compose-model.js';
import type { CertificateFact, DisabledRule, Facts, Finding, ProjectContext, RuleDefinition } from '../check/types.js';
import { gatherCertificate } from './gather-certificate.js';
import { gatherFileModes } from './gather-file-modes.js';
import { gatherPortsInUse } from './gather-ports-in-use.js';
import { loadComposeValidator } from './load-compose-validator.js';
import { readDocs } from './read-docs.js';
import type { DocumentInput } from './read-docs.js';
import { readOptionalText, readText } from './read-text.js';

export interface CheckFilesInput {
  /** Path to the compose file; `composeText` skips reading it (render checks what it is about to write). */
  readonly composeFile: string;
  readonly composeText?: string;
  /** `.env` next to the compose file unless given; `envText: ''` means none. */
  readonly envFile?: string;
  readonly envText?: string;
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

/** Read a compose project with its docs, gather the facts of this machine, and check it. Throws CheckError (exit 2) when it cannot run. */
export async function checkFiles(input: CheckFilesInput): Promise<Finding[]> {
  const display = (file: string): string => path.relative(input.relativeTo, file) || file;
  const composeText = input.composeText ?? (await readText(input.composeFile, 'compose file'));
  const envFile = input.envFile ?? path.join(path.dirname(input.composeFile), '.env');
  const envText = input.envText ?? (await readOptionalText(envFile));
  const environment = input.environment ?? {};
  const compose = parseCompose({
    file: display(input.composeFile),
    text: composeText,
    ...(envText !== undefined && envText !== '' ? { envFile: display(envFile), envText } : {}),
    environment,
  });
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
