// The console's one piece of state: aistack.yaml as loaded (text and version) and the draft the
// forms and the raw editor change. Nothing is written until apply.
import { getJson, postJson } from '../api.js';

/** @type {{ baseText: string, baseVersion: string, draft: string, values: any, problems: any[], restoreOf: number | undefined, form: any }} */
export const state = { baseText: '', baseVersion: '', draft: '', values: {}, problems: [], restoreOf: undefined, form: undefined };

const listeners = new Set();

/** @param {() => void} listener */
export function onDraftChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  const mark = document.getElementById('draft-mark');
  if (mark) mark.hidden = state.draft === state.baseText && state.restoreOf === undefined;
  for (const listener of [...listeners]) listener();
}

export async function loadManifest() {
  const loaded = await getJson('/api/console/manifest');
  state.baseText = loaded.text;
  state.baseVersion = loaded.version;
  state.draft = loaded.text;
  state.values = loaded.values ?? {};
  state.problems = loaded.problems;
  state.restoreOf = undefined;
  state.form ??= await getJson('/api/console/form');
  changed();
}

/** Send form edits (key paths relative to the top) to the server, which keeps comments and formatting. */
export async function editDraft(request) {
  const result = await postJson('/api/console/edit', { text: state.draft, ...request });
  state.draft = result.text;
  state.values = result.values ?? state.values;
  state.problems = result.problems;
  changed();
  return result;
}

/** @param {string} text */
export async function setDraft(text) {
  state.draft = text;
  const result = await postJson('/api/console/validate', { text });
  if (state.draft !== text) return result;
  state.problems = result.problems;
  if (result.values) state.values = result.values;
  changed();
  return result;
}

/** @param {string} path dotted */
export function valueAt(root, path) {
  let current = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = current[key];
  }
  return current;
}
