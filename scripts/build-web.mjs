// Bundle the console's CodeMirror editor for the browser (ESM, no eval, no inline code, so the
// dashboard's strict CSP holds). Run by `npm run build`; the output is not committed.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [path.join(root, 'web/editor/editor.js')],
  outfile: path.join(root, 'web/app/vendor/editor.js'),
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'linked',
  logLevel: 'warning',
});
