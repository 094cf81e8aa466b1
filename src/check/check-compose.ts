import type { ValidateFunction } from 'ajv';
import type { ComposeModel } from './model/compose-model.js';
import { parseDocs } from './model/docs-model.js';
import { validateComposeSchema } from './model/validate-schema.js';
import { runRules } from './run-rules.js';
import type { CatalogFacts, DisabledRule, Facts, Finding, ProjectContext, RuleDefinition } from './types.js';

export interface SourceText {
  /** As shown in findings (relative to where `check` runs). */
  readonly file: string;
  readonly text: string;
}

export interface CheckComposeInput {
  /** Parsed by parseCompose (the shell parses first: facts such as ports in use depend on the model). */
  readonly compose: ComposeModel;
  readonly docs: readonly SourceText[];
  /** Facts about the machine, gathered by the shell (src/check-shell). */
  readonly facts: Facts;
  readonly catalog: CatalogFacts;
  /** The Compose Specification validator (compiled ahead of time; loaded by the shell). */
  readonly validate: ValidateFunction;
  /** Variables of the environment compose would run in (interpolation already used them; rules see their names). */
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly project?: ProjectContext | undefined;
  readonly disabled?: readonly DisabledRule[];
  readonly rules?: readonly RuleDefinition[];
}

/** Parse the docs, validate the compose model against the schema and run the rules. Pure: every outside fact comes in `input`. */
export function checkCompose(input: CheckComposeInput): Finding[] {
  const { compose } = input;
  const environmentNames = new Set(
    Object.entries(input.environment)
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name),
  );
  return runRules({
    compose,
    docs: parseDocs(input.docs),
    facts: input.facts,
    project: input.project,
    catalog: input.catalog,
    schemaProblems: validateComposeSchema(input.validate, compose.root),
    environmentNames,
    ...(input.disabled ? { disabled: input.disabled } : {}),
    ...(input.rules ? { rules: input.rules } : {}),
  });
}
