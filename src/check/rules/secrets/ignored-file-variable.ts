import { defineRule } from '../../define-rule.js';
import { catalogIdOf, environmentOf, imageOf, isRepository } from '../../model/service-facts.js';

export const secretsIgnoredFileVariable = defineRule({
  id: 'secrets/ignored-file-variable',
  severity: 'error',
  description: 'Disallow `*_FILE` variables that the image does not read',
  messages: {
    ignored: '{{image}} does not read {{name}}; the secret never reaches the application',
    notRead: '{{image}} does not read {{name}} (it reads {{reads}}); the secret never reaches the application',
  },
  check(context) {
    const { catalog } = context;
    const known = [...(catalog.repositories?.values() ?? []), ...catalog.ignoredFileVariables.keys()];
    for (const service of context.compose.services) {
      const image = imageOf(service);
      const catalogId = catalogIdOf(service);
      // aistack's own services by their label; any other image by its repository (through mirrors).
      const repository =
        (catalogId === undefined ? undefined : catalog.repositories?.get(catalogId)) ??
        (image === undefined ? undefined : known.find((name) => isRepository(image, name)));
      if (repository === undefined) continue;
      const ignored = catalog.ignoredFileVariables.get(repository) ?? [];
      const reads =
        (catalogId === undefined ? undefined : catalog.readsFileVariables?.get(catalogId)) ?? catalog.readsFileVariables?.get(repository);
      for (const variable of environmentOf(context.compose, service)) {
        if (!variable.name.endsWith('_FILE')) continue;
        const range = context.compose.rangeOf(variable.path);
        if (ignored.includes(variable.name)) {
          context.report({ messageId: 'ignored', data: { image: repository, name: variable.name }, range });
        } else if (reads !== undefined && reads !== 'every-setting' && !reads.includes(variable.name)) {
          context.report({
            messageId: 'notRead',
            data: {
              image: repository,
              name: variable.name,
              reads: reads.length === 0 ? 'no *_FILE variable at all' : `only ${reads.join(', ')}`,
            },
            range,
          });
        }
      }
    }
  },
});
