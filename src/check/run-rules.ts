import type { ComposeModel } from './model/compose-model.js';
import type { DocsModel } from './model/docs-model.js';
import { rules as allRules } from './registry.js';
import type { CatalogFacts, DisabledRule, Facts, Finding, ProjectContext, RuleDefinition, SchemaProblem } from './types.js';

export interface RuleInput {
  readonly compose: ComposeModel;
  readonly docs: DocsModel;
  readonly facts: Facts;
  readonly project?: ProjectContext | undefined;
  readonly catalog?: CatalogFacts;
  readonly schemaProblems?: readonly SchemaProblem[];
  readonly environmentNames?: ReadonlySet<string>;
  readonly disabled?: readonly DisabledRule[];
  readonly rules?: readonly RuleDefinition[];
}

/** A message template split at its `{{placeholders}}`: `texts` around them, `keys` and the placeholders as written between. */
interface CompiledTemplate {
  readonly texts: readonly string[];
  readonly keys: readonly string[];
  readonly placeholders: readonly string[];
}

// Templates are the rules' static messages, so this stays as small as the registry.
const compiledTemplates = new Map<string, CompiledTemplate>();

function compileTemplate(template: string): CompiledTemplate {
  const known = compiledTemplates.get(template);
  if (known) return known;
  // A capturing group keeps the placeholders: ['text ', '{{ key }}', ' text', …].
  const parts = template.split(/(\{\{\s*\w+\s*\}\})/);
  const compiled: CompiledTemplate = {
    texts: parts.filter((_, index) => index % 2 === 0),
    placeholders: parts.filter((_, index) => index % 2 === 1),
    keys: parts.filter((_, index) => index % 2 === 1).map((placeholder) => placeholder.slice(2, -2).trim()),
  };
  compiledTemplates.set(template, compiled);
  return compiled;
}

/**
 * `{{key}}` in the template replaced by `data.key`; a key `data` does not have stays as written.
 * Each template is split once (a 50 MB file has 320,000 findings to format).
 */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>>): string {
  const { texts, keys, placeholders } = compileTemplate(template);
  if (keys.length === 0) return template;
  // Joined, not concatenated: `+=` leaves a rope of pieces, several times the flat string's size, and every finding keeps its message.
  const pieces: string[] = [texts[0]!];
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    pieces.push(key in data ? String(data[key]) : placeholders[index]!, texts[index + 1]!);
  }
  return pieces.join('');
}

/** Run every enabled rule over the models; pure. Findings are sorted by file, line, column, rule. */
export function runRules(input: RuleInput): Finding[] {
  const disabled = new Set((input.disabled ?? []).map((entry) => entry.rule));
  const findings: Finding[] = [];
  for (const rule of input.rules ?? allRules) {
    if (disabled.has(rule.id)) continue;
    rule.check({
      compose: input.compose,
      docs: input.docs,
      facts: input.facts,
      project: input.project,
      catalog: input.catalog ?? { ignoredFileVariables: new Map() },
      schemaProblems: input.schemaProblems ?? [],
      environmentNames: input.environmentNames ?? new Set(),
      report(finding) {
        const data = finding.data ?? {};
        const template = (rule.messages as Record<string, string>)[finding.messageId];
        if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId ${finding.messageId}`);
        // Ranges from the compose model name their file (the value may come from an override, include or extends).
        const { line, column, endLine, endColumn } = finding.range;
        const rangeFile = (finding.range as { readonly file?: string }).file;
        findings.push({
          ruleId: rule.id,
          messageId: finding.messageId,
          data,
          severity: finding.severity ?? rule.severity,
          message: formatMessage(template, data),
          file: finding.file ?? rangeFile ?? input.compose.file,
          line,
          column,
          endLine,
          endColumn,
        });
      },
    });
  }
  // localeCompare only when the strings differ: it is slow, and most neighbours share file and rule.
  const compare = (a: string, b: string): number => (a === b ? 0 : a.localeCompare(b));
  return findings.sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.ruleId, b.ruleId));
}
