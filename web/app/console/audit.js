// The console's audit log, newest first.
import { h, clear } from '../dom.js';
import { getJson } from '../api.js';

/** @param {HTMLElement} view */
export async function renderAudit(view) {
  clear(view);
  const entries = await getJson('/api/console/audit?limit=200');
  view.append(
    h('h1', {}, 'Audit log'),
    h(
      'table',
      { class: 'table', id: 'audit' },
      h('thead', {}, h('tr', {}, ...['when', 'who', 'from', 'action', 'detail'].map((title) => h('th', {}, title)))),
      h(
        'tbody',
        {},
        ...entries.map((entry) =>
          h(
            'tr',
            { 'data-action': entry.action },
            h(
              'td',
              {},
              new Date(entry.at)
                .toISOString()
                .replace('T', ' ')
                .replace(/\.\d+Z$/, 'Z'),
            ),
            h('td', {}, entry.user),
            h('td', {}, entry.address),
            h('td', {}, entry.action),
            h('td', {}, entry.detail),
          ),
        ),
      ),
    ),
  );
}
