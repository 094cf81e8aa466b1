import { defineRule } from '../../define-rule.js';
import { parseMakeTargets, parseNpmScripts } from '../../model/project-commands.js';

export const docsUnknownCommand = defineRule({
  id: 'docs/unknown-command',
  severity: 'warning',
  description: 'Disallow documentation that tells readers to run make targets or npm scripts the project does not have',
  messages: {
    make: 'the docs run `make {{target}}`, but {{makefile}} has no target {{target}}',
    npm: 'the docs run `npm run {{script}}`, but {{packageJson}} has no script {{script}}',
  },
  check(context) {
    const { makefile, packageJson } = context.facts;
    const targets = makefile ? parseMakeTargets(makefile.text) : undefined;
    const scripts = packageJson ? parseNpmScripts(packageJson.text) : undefined;
    for (const mention of context.docs.mentions) {
      if (mention.kind === 'make' && makefile && targets) {
        if (targets.names.has(mention.value) || targets.patterns.some((pattern) => pattern.test(mention.value))) continue;
        context.report({
          messageId: 'make',
          data: { target: mention.value, makefile: makefile.file },
          file: mention.file,
          range: mention.range,
        });
      } else if (mention.kind === 'npm' && packageJson && scripts && !scripts.has(mention.value)) {
        context.report({
          messageId: 'npm',
          data: { script: mention.value, packageJson: packageJson.file },
          file: mention.file,
          range: mention.range,
        });
      }
    }
  },
});
