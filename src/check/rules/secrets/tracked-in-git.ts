import { defineRule } from '../../define-rule.js';
import { isRecord } from '../../model/compose-model.js';

/** `./a/b` and `a/b` name the same file. */
function normalize(file: string): string {
  return file.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

export const secretsTrackedInGit = defineRule({
  id: 'secrets/tracked-in-git',
  severity: 'warning',
  description: 'Disallow secret files that git tracks',
  messages: {
    tracked: '{{file}} holds a secret and is tracked by git; run `git rm --cached {{file}}` and keep it in .gitignore',
  },
  check(context) {
    const tracked = context.facts.trackedFiles;
    if (!tracked || tracked.length === 0) return;
    const directory = context.project?.secretsDirectory === undefined ? undefined : normalize(context.project.secretsDirectory);
    const secretFiles = new Set<string>();
    const secrets = context.compose.root.secrets;
    if (isRecord(secrets))
      for (const value of Object.values(secrets))
        if (isRecord(value) && typeof value.file === 'string') secretFiles.add(normalize(value.file));
    for (const file of tracked) {
      const path = normalize(file);
      if (!secretFiles.has(path) && (directory === undefined || !path.startsWith(`${directory}/`))) continue;
      context.report({ messageId: 'tracked', data: { file: path }, file: path, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
    }
  },
});
