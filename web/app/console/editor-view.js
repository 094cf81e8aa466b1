// The raw aistack.yaml editor (CodeMirror 6, bundled); every change is validated by the server's
// parser after a short pause, and its positioned problems show in the editor and below it.
import { h, clear } from '../dom.js';
import { setDraft, state } from './state.js';
import { problemList } from './forms.js';

/** @param {HTMLElement} view */
export async function renderEditor(view) {
  clear(view);
  const host = h('div', { class: 'editor', id: 'yaml-editor' });
  const problems = h('div', { id: 'editor-problems' }, problemList(state.problems));
  view.append(
    h('h1', {}, 'aistack.yaml'),
    h('p', { class: 'hint' }, 'Checked by the same parser as the CLI as you type. Nothing is written until you apply.'),
    host,
    problems,
    h('a', { href: '#/preview' }, 'Review the diff and plan'),
  );
  const { createYamlEditor } = await import('../vendor/editor.js');
  let timer;
  const editor = createYamlEditor(host, state.draft, (text) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const result = await setDraft(text);
      if (editor.text() !== text) return;
      editor.showProblems(result.problems);
      clear(problems);
      problems.append(problemList(result.problems));
    }, 300);
  });
  editor.showProblems(state.problems);
}
