// The raw aistack.yaml editor: CodeMirror 6 with YAML highlighting and the server's positioned
// problems as diagnostics. Bundled by scripts/build-web.mjs into web/app/vendor/editor.js.
import { EditorView, basicSetup } from 'codemirror';
import { yaml } from '@codemirror/lang-yaml';
import { setDiagnostics } from '@codemirror/lint';

/**
 * @param {HTMLElement} parent
 * @param {string} text
 * @param {(text: string) => void} onChange
 */
export function createYamlEditor(parent, text, onChange) {
  const view = new EditorView({
    doc: text,
    parent,
    extensions: [
      // The page's CSP allows <style> elements only with this response's nonce.
      EditorView.cspNonce.of(document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content') ?? ''),
      basicSetup,
      yaml(),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(next) {
      if (next === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    /** @param {{ line: number, column: number, message: string, code: string }[]} problems */
    showProblems(problems) {
      const doc = view.state.doc;
      const diagnostics = problems.map((problem) => {
        const line = doc.line(Math.min(Math.max(1, problem.line), doc.lines));
        const from = Math.min(line.from + Math.max(0, problem.column - 1), line.to);
        return { from, to: Math.max(from, line.to), severity: 'error', message: `${problem.code} ${problem.message}` };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
  };
}
