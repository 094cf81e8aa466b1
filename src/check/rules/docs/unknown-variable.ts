import { defineRule } from '../../define-rule.js';
import { environmentOf } from '../../model/service-facts.js';

export const docsUnknownVariable = defineRule({
  id: 'docs/unknown-variable',
  severity: 'warning',
  description: 'Disallow documentation that names environment variables the project does not use',
  messages: { unknown: 'the docs name variable {{name}}, which neither {{compose}} nor .env uses' },
  check(context) {
    // Without docs naming a variable there is nothing to look up (and the compose texts, 50 MB for a big file, are not joined and scanned).
    const mentions = context.docs.mentions.filter((mention) => mention.kind === 'variable');
    if (mentions.length === 0) return;
    const known = new Set<string>([
      ...context.compose.envEntries.map((entry) => entry.name),
      ...context.compose.variableUses.map((use) => use.name),
    ]);
    for (const service of context.compose.services)
      for (const variable of environmentOf(context.compose, service)) known.add(variable.name);
    // Variables a command or entrypoint exports at start (`export LITELLM_MASTER_KEY="$(cat …)"`) exist too.
    for (const match of context.compose.texts.join('\n').matchAll(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/g)) known.add(match[0]);
    for (const mention of mentions) {
      if (known.has(mention.value)) continue;
      context.report({
        messageId: 'unknown',
        data: { name: mention.value, compose: context.compose.file },
        file: mention.file,
        range: mention.range,
      });
    }
  },
});
