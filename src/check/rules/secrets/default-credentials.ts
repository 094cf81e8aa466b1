import { defineRule } from '../../define-rule.js';
import { environmentOf } from '../../model/service-facts.js';

const DEFAULTS = new Set([
  'guest',
  'admin',
  'password',
  'passw0rd',
  'changeme',
  'change-me',
  'changethis',
  'secret',
  'root',
  'toor',
  'postgres',
  'redis',
  'mysql',
  'test',
  'example',
  '123456',
  '12345678',
  'letmein',
  'default',
  'sk-1234',
  'sk-12345',
  'supersecret',
  'your-super-secret-and-long-postgres-password',
  'minioadmin',
  'qwerty',
]);
const CREDENTIAL_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|MASTER_KEY|_PASS$|_PWD$|DEFAULT_PASS|DEFAULT_USER)/i;

export const secretsDefaultCredentials = defineRule({
  id: 'secrets/default-credentials',
  severity: 'error',
  description: 'Disallow well-known default credentials such as guest/guest, admin/password, changeme or sk-1234',
  messages: { known: '{{service}} sets {{name}} to a well-known default credential; anyone can guess it' },
  check(context) {
    for (const service of context.compose.services) {
      for (const variable of environmentOf(context.compose, service)) {
        if (variable.value === undefined || !CREDENTIAL_NAME.test(variable.name) || variable.name.endsWith('_FILE')) continue;
        if (DEFAULTS.has(variable.value.toLowerCase())) {
          context.report({
            messageId: 'known',
            data: { service: service.name, name: variable.name },
            range: context.compose.rangeOf(variable.path),
          });
        }
      }
    }
  },
});
