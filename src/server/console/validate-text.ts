import { catalog } from '../../catalog/index.js';
import { AistackError } from '../../errors.js';
import { collectManifestProblems } from '../../manifest/parse.js';
import type { Project } from '../../project/load.js';
import { catalogAliasMap, resolveProjectText } from '../../project/load.js';
import type { ProjectPaths } from '../../project/paths.js';

/** A problem in the edited aistack.yaml, positioned the way the CLI prints it. */
export interface ConsoleProblem {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  readonly line: number;
  readonly column: number;
  /** `aistack.yaml:3:5 AIS_… message`, exactly the CLI's first line. */
  readonly text: string;
}

export type ValidatedText =
  | { readonly ok: true; readonly project: Project; readonly problems: readonly [] }
  | { readonly ok: false; readonly problems: readonly ConsoleProblem[] };

/**
 * The CLI's own parser and resolver on text from the browser: every manifest problem with its
 * position, or, when the manifest parses, the resolve error (unknown dependency, conflicts…).
 */
export function validateManifestText(paths: ProjectPaths, text: string): ValidatedText {
  const file = 'aistack.yaml';
  const problems = collectManifestProblems(
    text,
    file,
    catalog.map((entry) => entry.id),
    catalogAliasMap(),
  );
  if (problems.length > 0) {
    return {
      ok: false,
      problems: problems.map((problem) =>
        describe(problem.code, problem.message, problem.hint, problem.location.line, problem.location.column),
      ),
    };
  }
  try {
    return { ok: true, project: resolveProjectText(paths, text), problems: [] };
  } catch (error: unknown) {
    if (!(error instanceof AistackError)) throw error;
    return {
      ok: false,
      problems: [error, ...error.related].map((found) =>
        describe(found.code, found.message, found.hint ?? '', found.location?.line ?? 1, found.location?.column ?? 1),
      ),
    };
  }
}

function describe(code: string, message: string, hint: string, line: number, column: number): ConsoleProblem {
  return { code, message, hint, line, column, text: `aistack.yaml:${line}:${column} ${code} ${message}` };
}
