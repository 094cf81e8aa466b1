import { defineRule } from '../../define-rule.js';

export const secretsFileMode = defineRule({
  id: 'secrets/file-mode',
  severity: 'warning',
  description: 'Require secret files that other host users cannot read (0600, or inside a 0700 directory)',
  messages: { wide: 'secret file {{file}} has mode {{mode}}; run chmod 600 {{file}}' },
  check(context) {
    const secrets = context.compose.root.secrets;
    if (typeof secrets !== 'object' || secrets === null) return;
    for (const [name, value] of Object.entries(secrets as Record<string, unknown>)) {
      const file = (value as { file?: unknown } | null)?.file;
      if (typeof file !== 'string') continue;
      const fact = context.facts.fileModes.find((candidate) => candidate.source === file);
      if (!fact || (fact.mode & 0o077) === 0 || fact.enclosed === true) continue;
      context.report({
        messageId: 'wide',
        data: { file, mode: `0${(fact.mode & 0o777).toString(8)}` },
        range: context.compose.rangeOf(['secrets', name, 'file']),
      });
    }
  },
});
