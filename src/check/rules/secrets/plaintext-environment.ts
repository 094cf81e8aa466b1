import { defineRule } from '../../define-rule.js';
import { environmentOf } from '../../model/service-facts.js';
import { entropyOf, isSecretName } from '../../model/weak-secret.js';

function looksRandom(value: string): boolean {
  if (value.length < 20 || /\s/.test(value) || /^(https?|postgres(ql)?|redis|mysql|mongodb):\/\//.test(value) || value.includes('/'))
    return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((pattern) => pattern.test(value)).length;
  return classes >= 2 && entropyOf(value) >= 4;
}

/**
 * The strings of a JSON object or array value (Open WebUI's OPENAI_API_CONFIGS, n8n's
 * CREDENTIALS_OVERWRITE_DATA …), keys included; undefined when the value is not one. Its quotes and
 * braces are not randomness, but a token inside it still is.
 */
function jsonStrings(value: string): string[] | undefined {
  if (!/^[[{]/.test(value)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const strings: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') strings.push(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) {
        strings.push(key);
        walk(child);
      }
  };
  walk(parsed);
  return strings;
}

export const secretsPlaintextEnvironment = defineRule({
  id: 'secrets/plaintext-environment',
  severity: 'error',
  description: 'Disallow secrets written as literal values in environment',
  messages: {
    byName: '{{service}} sets {{name}} to a literal value in the compose file; use a secret file or a ${VARIABLE} from .env',
    byEntropy: '{{service}} sets {{name}} to what looks like a random secret; use a secret file or a ${VARIABLE} from .env',
  },
  check(context) {
    for (const service of context.compose.services) {
      for (const variable of environmentOf(context.compose, service)) {
        const raw = variable.rawValue;
        if (raw === undefined || raw === '' || raw.includes('${') || /^\$[A-Za-z_]/.test(raw)) continue;
        // Flags (`SECRETS: "0"` for a socket proxy) and file references (`/run/secrets/x`, PostgREST's `@/run/secrets/x`) are not secrets.
        if (/^(true|false|yes|no|on|off|\d{1,3})$/i.test(raw) || /^@?\//.test(raw)) continue;
        // The position only for a finding: most literal values are neither secret names nor random.
        const messageId = isSecretName(variable.name) ? 'byName' : (jsonStrings(raw) ?? [raw]).some(looksRandom) ? 'byEntropy' : undefined;
        if (messageId)
          context.report({
            messageId,
            data: { service: service.name, name: variable.name },
            range: context.compose.rangeOf(variable.path),
          });
      }
    }
  },
});
