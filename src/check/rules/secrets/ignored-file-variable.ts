import { defineRule } from '../../define-rule.js';
import { environmentOf, imageOf, shortRepository } from '../../model/service-facts.js';

export const secretsIgnoredFileVariable = defineRule({
  id: 'secrets/ignored-file-variable',
  severity: 'error',
  description: 'Disallow `*_FILE` variables that the image is known to ignore',
  messages: { ignored: '{{image}} does not read {{name}}; the secret never reaches the application' },
  check(context) {
    for (const service of context.compose.services) {
      const image = imageOf(service);
      if (!image) continue;
      const ignored =
        context.catalog.ignoredFileVariables.get(shortRepository(image.repository)) ??
        context.catalog.ignoredFileVariables.get(image.repository);
      if (!ignored) continue;
      for (const variable of environmentOf(context.compose, service)) {
        if (ignored.includes(variable.name))
          context.report({
            messageId: 'ignored',
            data: { image: image.repository, name: variable.name },
            range: context.compose.rangeOf(variable.path),
          });
      }
    }
  },
});
