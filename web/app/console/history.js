// Revisions (who, when, what), the diff between two, and restore (a previewed deploy of a revision's manifest).
import { h, clear, stateBadge } from '../dom.js';
import { getJson } from '../api.js';
import { state } from './state.js';
import { diffBlock } from './forms.js';

/** @param {HTMLElement} view */
export async function renderHistory(view) {
  clear(view);
  const revisions = await getJson('/api/console/revisions?limit=100');
  const from = h(
    'select',
    { id: 'diff-from' },
    ...revisions.map((revision) => h('option', { value: String(revision.id) }, `#${revision.id}`)),
  );
  const to = h('select', { id: 'diff-to' }, ...revisions.map((revision) => h('option', { value: String(revision.id) }, `#${revision.id}`)));
  if (revisions.length > 1) from.value = String(revisions[1].id);
  const diffs = h('div', { id: 'revision-diff' });
  view.append(
    h('h1', {}, 'History'),
    h(
      'table',
      { class: 'table', id: 'revisions' },
      h('thead', {}, h('tr', {}, ...['#', 'when', 'who', 'result', 'what', ''].map((title) => h('th', {}, title)))),
      h(
        'tbody',
        {},
        ...revisions.map((revision) =>
          h(
            'tr',
            { 'data-revision': String(revision.id), 'data-result': revision.result },
            h('td', {}, String(revision.id), revision.kind === 'rollback' ? ` (= ${revision.sourceRevision})` : ''),
            h('td', {}, revision.createdAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z')),
            h('td', {}, revision.user),
            h('td', {}, stateBadge(revision.result)),
            h('td', {}, revision.summary, revision.error ? ` — ${revision.error}` : ''),
            h(
              'td',
              {},
              h(
                'button',
                { type: 'button', class: 'restore', 'data-restore': String(revision.id), onclick: () => restore(revision.id) },
                'Restore…',
              ),
            ),
          ),
        ),
      ),
    ),
    h('h2', {}, 'Compare'),
    h(
      'div',
      { class: 'actions' },
      from,
      ' → ',
      to,
      h(
        'button',
        {
          type: 'button',
          id: 'compare',
          onclick: async () => {
            const diff = await getJson(`/api/console/revisions/${from.value}/diff/${to.value}`);
            clear(diffs);
            diffs.append(
              h('h3', {}, 'aistack.yaml'),
              diffBlock(diff.manifest),
              ...diff.files.map((file) => h('details', {}, h('summary', {}, file.path), diffBlock(file.diff))),
            );
          },
        },
        'Show the diff',
      ),
    ),
    diffs,
  );
}

async function restore(id) {
  const revision = await getJson(`/api/console/revisions/${id}/manifest`);
  state.draft = revision.text;
  state.restoreOf = id;
  location.hash = '#/preview';
}
