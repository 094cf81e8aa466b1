// Rewrite docs/errors.md and docs/errors/*.md from the declarations in src/errors/codes/ (run `npm run build` first).
// test/docs/errors.test.ts fails when the committed files differ; UPDATE_GOLDEN=1 on that test does the same as this script.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { renderErrorDocs } from '../dist/errors/render-error-docs.js';

const root = path.resolve(import.meta.dirname, '..');
for (const file of renderErrorDocs()) await writeFile(path.join(root, file.path), file.text);
