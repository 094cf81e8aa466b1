import { defineRule } from '../../define-rule.js';

/** The first line (1-based) where two texts differ. */
function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let index = 0; index < Math.max(left.length, right.length); index += 1) if (left[index] !== right[index]) return index + 1;
  return 1;
}

export const projectDrift = defineRule({
  id: 'project/drift',
  severity: 'warning',
  description: 'Require the rendered files on disk to match what aistack.yaml renders now',
  messages: {
    notRendered: 'the stack has not been rendered yet ({{count}} files); `aistack render` writes them, `aistack up` renders and starts it',
    missing: '{{file}} has not been written yet; `aistack render` writes it',
    differs:
      '{{file}} differs from what aistack.yaml renders now (from line {{line}}); `aistack render` rewrites it, so edits made here by hand are lost',
  },
  check(context) {
    const rendered = context.project?.renderedFiles;
    const onDisk = context.facts.renderedOnDisk;
    if (!rendered || !onDisk || onDisk.length === 0) return;
    const disk = new Map(onDisk.map((file) => [file.path, file.content]));
    const start = { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const missing = rendered.filter((file) => disk.get(file.path) === undefined);
    if (missing.length === rendered.length) {
      context.report({ messageId: 'notRendered', data: { count: rendered.length }, file: 'aistack.yaml', range: start, severity: 'info' });
      return;
    }
    for (const file of rendered) {
      const content = disk.get(file.path);
      if (content === undefined) {
        context.report({ messageId: 'missing', data: { file: file.path }, file: file.path, range: start, severity: 'info' });
      } else if (content !== file.content) {
        const line = firstDifferentLine(content, file.content);
        context.report({
          messageId: 'differs',
          data: { file: file.path, line },
          file: file.path,
          range: { line, column: 1, endLine: line, endColumn: 1 },
        });
      }
    }
  },
});
