import { defineRule } from '../../define-rule.js';
import type { PathSegment } from '../../model/compose-model.js';
import { environmentOf } from '../../model/service-facts.js';
import { isWeakSecret } from '../../model/weak-secret.js';
import { scalarText } from '../../../util/scalar-text.js';

/** `scheme://user:password@host`: the password is literal unless it is a `${VAR}` / `$VAR` reference. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*):\/\/([^\s:/@]*):([^\s@/]+)@/gi;

export const secretsUrlCredentials = defineRule({
  id: 'secrets/url-credentials',
  severity: 'error',
  description: 'Disallow passwords written into URLs (amqp://guest:guest@, postgres://user:pass@)',
  messages: {
    literal:
      '{{service}} has a password inside the {{scheme}} URL ({{scheme}}://{{user}}:…@){{known}}; take it from a secret file or a ${VARIABLE} in .env',
  },
  check(context) {
    const { compose } = context;
    for (const service of compose.services) {
      const strings: { path: PathSegment[]; raw: string }[] = [];
      for (const variable of environmentOf(compose, service))
        if (variable.rawValue !== undefined) strings.push({ path: [...variable.path], raw: variable.rawValue });
      for (const key of ['command', 'entrypoint'] as const) {
        const value = service.value[key];
        if (typeof value === 'string')
          strings.push({ path: ['services', service.name, key], raw: scalarText(compose.rawAt(['services', service.name, key]), value) });
        else if (Array.isArray(value))
          value.forEach((_item: unknown, index) => {
            const raw = compose.rawAt(['services', service.name, key, index]);
            if (typeof raw === 'string') strings.push({ path: ['services', service.name, key, index], raw });
          });
      }
      for (const { path, raw } of strings) {
        for (const match of raw.matchAll(URL_CREDENTIALS)) {
          const password = match[3]!;
          if (password.includes('$') || password.startsWith('<') || /^\*+$/.test(password)) continue;
          context.report({
            messageId: 'literal',
            data: {
              service: service.name,
              scheme: match[1]!,
              user: match[2]!,
              known: isWeakSecret(password) === 'known' ? ', and a well-known default at that' : '',
            },
            range: compose.rangeOf(path),
          });
        }
      }
    }
  },
});
