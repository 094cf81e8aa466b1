import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { catalog } from '../catalog/index.js';
import { CheckError } from '../errors.js';
import { gatherCertificate, gatherFileModes, gatherPortsInUse } from './gather.js';
import { parseCompose } from './model/compose-model.js';
import type { ValidateFunction } from 'ajv';
import { validateComposeSchema } from './model/validate-schema.js';
import { parseDocs } from './model/docs-model.js';
import { runRules } from './run-rules.js';
import type { CatalogFacts, CertificateFact, DisabledRule, Facts, Finding, ProjectContext, RuleDefinition } from './types.js';

export interface CheckDocumentInput {
  readonly file: string;
  /** The text; read from `file` when absent. */
  readonly text?: string;
}

export interface CheckProjectInput {
  /** Path to the compose file; `composeText` skips reading it (render checks what it is about to write). */
  readonly composeFile: string;
  readonly composeText?: string;
  /** `.env` next to the compose file unless given; `envText: ''` means none. */
  readonly envFile?: string;
  readonly envText?: string;
  /** Markdown files or directories (searched for *.md). */
  readonly docs?: readonly CheckDocumentInput[];
  readonly project?: ProjectContext;
  readonly disabled?: readonly DisabledRule[];
  /** Certificates to check: `{ certificate, key }` pairs of PEM files. */
  readonly certificates?: readonly { readonly certificate: string; readonly key?: string }[];
  /** Probe host ports and stat secret files. @default true */
  readonly probe?: boolean;
  /** Variables of the calling environment. @default {} */
  readonly environment?: Readonly<Record<string, string | undefined>>;
  /** Facts to use instead of gathering them (tests). */
  readonly facts?: Partial<Facts>;
  /** Ports the project's own running containers hold (not a conflict). */
  readonly ownPorts?: ReadonlySet<number>;
  readonly rules?: readonly RuleDefinition[];
  /** Paths in findings are shown relative to this directory. @default process.cwd() */
  readonly relativeTo?: string;
}

let validatorCache: Promise<ValidateFunction> | undefined;

/** The Compose Specification validator, compiled ahead of time (scripts/compile-compose-schema.mjs). */
function loadComposeValidator(): Promise<ValidateFunction> {
  validatorCache ??= import(new URL('../../schemas/compose-spec.validate.mjs', import.meta.url).href).then(
    (module: { validate: ValidateFunction }) => module.validate,
  );
  return validatorCache;
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw new CheckError(
      'AIS_CHECK_UNREADABLE',
      `cannot read ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      {
        hint: 'check the path (use -f for the compose file, --docs for Markdown files or folders)',
        cause: error,
      },
    );
  }
}

async function expandDocs(documents: readonly CheckDocumentInput[], relativeTo: string): Promise<{ file: string; text: string }[]> {
  const result: { file: string; text: string }[] = [];
  for (const document of documents) {
    if (document.text !== undefined) {
      result.push({ file: document.file, text: document.text });
      continue;
    }
    const info = await stat(document.file).catch(() => undefined);
    if (info?.isDirectory()) {
      const entries = await readdir(document.file, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.md') && !entry.parentPath.includes('node_modules'))
        .map((entry) => path.join(entry.parentPath, entry.name))
        .sort();
      for (const file of files) result.push({ file: path.relative(relativeTo, file) || file, text: await readText(file, 'documentation') });
    } else {
      result.push({
        file: path.relative(relativeTo, document.file) || document.file,
        text: await readText(document.file, 'documentation'),
      });
    }
  }
  return result;
}

function catalogFacts(): CatalogFacts {
  const map = new Map<string, string[]>();
  for (const entry of catalog) {
    if (!entry.ignoredFileVariables || entry.ignoredFileVariables.length === 0) continue;
    const repository = entry.image.repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
    map.set(repository, [...(map.get(repository) ?? []), ...entry.ignoredFileVariables]);
  }
  return { ignoredFileVariables: map };
}

/** Read, gather and check a compose project with its docs. Throws CheckError (exit 2) when it cannot run. */
export async function checkProject(input: CheckProjectInput): Promise<Finding[]> {
  const relativeTo = input.relativeTo ?? process.cwd();
  const display = (file: string): string => path.relative(relativeTo, file) || file;
  const composeText = input.composeText ?? (await readText(input.composeFile, 'compose file'));
  const envFile = input.envFile ?? path.join(path.dirname(input.composeFile), '.env');
  const envText = input.envText ?? (await readFile(envFile, 'utf8').catch(() => undefined));
  const documents = await expandDocs(input.docs ?? [], relativeTo);
  const compose = parseCompose({
    file: display(input.composeFile),
    text: composeText,
    ...(envText !== undefined && envText !== '' ? { envFile: display(envFile), envText } : {}),
    environment: input.environment ?? {},
  });
  const docs = parseDocs(documents);
  const probe = input.probe ?? true;
  const certificates: CertificateFact[] = [];
  for (const pair of input.certificates ?? []) {
    const fact = await gatherCertificate(pair.certificate, pair.key, display(pair.certificate));
    if (fact) certificates.push(fact);
  }
  const facts: Facts = {
    now: input.facts?.now ?? new Date().toISOString(),
    portsInUse: input.facts?.portsInUse ?? (probe ? await gatherPortsInUse(compose, input.ownPorts) : []),
    fileModes: input.facts?.fileModes ?? (probe ? await gatherFileModes(compose, path.dirname(input.composeFile)) : []),
    certificates: input.facts?.certificates ?? certificates,
  };
  const schemaProblems = validateComposeSchema(await loadComposeValidator(), compose.root);
  const environmentNames = new Set(
    Object.entries(input.environment ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name),
  );
  return runRules({
    compose,
    docs,
    facts,
    project: input.project,
    catalog: catalogFacts(),
    schemaProblems,
    environmentNames,
    ...(input.disabled ? { disabled: input.disabled } : {}),
    ...(input.rules ? { rules: input.rules } : {}),
  });
}
