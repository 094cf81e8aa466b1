import { defineRule } from '../../define-rule.js';

export const composeObsoleteVersion = defineRule({
  id: 'compose/obsolete-version',
  severity: 'warning',
  description: 'Disallow the obsolete top-level `version:` key',
  messages: { obsolete: 'the top-level `version` is obsolete and ignored by Compose v2; remove it' },
  check(context) {
    if ('version' in context.compose.root) context.report({ messageId: 'obsolete', range: context.compose.keyRangeOf(['version']) });
  },
});
