import { defineRule } from '../../define-rule.js';
import { environmentOf } from '../../model/service-facts.js';
import { isSecretName, isWeakSecret } from '../../model/weak-secret.js';

export const secretsDefaultCredentials = defineRule({
  id: 'secrets/default-credentials',
  severity: 'error',
  description: 'Disallow well-known default and weak credentials, in compose, in `${VAR:-default}` and in .env',
  messages: {
    known: '{{service}} sets {{name}} to a well-known default credential; anyone can guess it',
    weakDefault:
      '{{name}} falls back to a {{kind}} default ({{variable}} unset); set it in .env and drop the default, or use a secret file',
    weakEnv: '{{file}} sets {{name}} to a {{kind}} value{{note}}; use a long random value (openssl rand -hex 24)',
  },
  check(context) {
    const { compose } = context;
    const defined = new Set([...compose.envEntries.map((entry) => entry.name), ...context.environmentNames]);
    // .env keys whose value was already reported where compose uses it.
    const reported = new Set<string>();
    for (const service of compose.services) {
      for (const variable of environmentOf(compose, service)) {
        if (variable.value === undefined || !isSecretName(variable.name)) continue;
        // The value in effect, literal or interpolated from .env or a default.
        if (isWeakSecret(variable.value) !== 'known') continue;
        context.report({ messageId: 'known', data: { service: service.name, name: variable.name }, range: compose.rangeOf(variable.path) });
        for (const match of (variable.rawValue ?? '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) reported.add(match[1]!);
      }
    }
    for (const use of compose.variableUses) {
      // A default in effect is reported above; this is the latent one, used the day the variable is unset.
      if (use.defaultValue === undefined || !isSecretName(use.name) || !defined.has(use.name)) continue;
      const kind = isWeakSecret(use.defaultValue);
      if (!kind) continue;
      context.report({
        messageId: 'weakDefault',
        data: { name: use.name, kind: kind === 'known' ? 'well-known' : 'weak', variable: use.name },
        range: use.range,
        severity: 'warning',
      });
    }
    if (compose.envFile === undefined) return;
    const used = new Set([...compose.variableUses.map((use) => use.name), ...compose.envUses]);
    for (const entry of compose.envEntries) {
      if (!isSecretName(entry.name) || !used.has(entry.name) || reported.has(entry.name)) continue;
      const kind = isWeakSecret(entry.value);
      if (!kind) continue;
      context.report({
        messageId: 'weakEnv',
        data: {
          file: compose.envFile,
          name: entry.name,
          kind: kind === 'known' ? 'well-known' : 'weak',
          note: compose.envFallback ? ' (in effect because .env is missing)' : '',
        },
        file: compose.envFile,
        range: { line: entry.line, column: entry.valueColumn, endLine: entry.line, endColumn: entry.valueColumn + entry.value.length },
        severity: kind === 'known' ? 'error' : 'warning',
      });
    }
  },
});
