export { checkCompose } from './check-compose.js';
export type { CheckComposeInput, SourceText } from './check-compose.js';
export { rules, findRule } from './registry.js';
export { runRules } from './run-rules.js';
export { formatText } from './reporters/text.js';
export { formatJson } from './reporters/json.js';
export { formatSarif } from './reporters/sarif.js';
export { SEVERITY_RANK } from './types.js';
export type { Finding, Severity, RuleDefinition, DisabledRule, Facts, ProjectContext } from './types.js';
