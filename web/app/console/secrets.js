// Secrets: names, kinds, ages and consumers (never values); rotate after typing the name.
import { h, clear } from '../dom.js';
import { getJson, postJson } from '../api.js';

/** @param {HTMLElement} view */
export async function renderSecrets(view) {
  clear(view);
  const secrets = await getJson('/api/console/secrets');
  const output = h('pre', { class: 'log', id: 'rotate-log' });
  view.append(
    h('h1', {}, 'Secrets'),
    h('p', { class: 'hint' }, 'Values never leave the server; `aistack secrets show <name>` on the host prints one.'),
    h(
      'table',
      { class: 'table', id: 'secrets' },
      h('thead', {}, h('tr', {}, ...['name', 'kind', 'age', 'used by', 'protects', ''].map((title) => h('th', {}, title)))),
      h(
        'tbody',
        {},
        ...secrets.map((secret) =>
          h(
            'tr',
            { 'data-secret': secret.name },
            h('td', {}, secret.name, secret.critical ? ' (critical)' : ''),
            h('td', {}, secret.kind),
            h('td', {}, secret.ageDays === null ? 'not generated' : `${secret.ageDays}d`),
            h('td', {}, secret.consumers.join(', ')),
            h('td', {}, secret.protects),
            h('td', {}, h('button', { type: 'button', onclick: () => rotate(secret.name, output) }, 'Rotate…')),
          ),
        ),
      ),
    ),
    output,
  );
}

async function rotate(name, output) {
  const typed = window.prompt(
    `Rotating ${name} changes it in its server and restarts the services that read it at start. Type its name to confirm:`,
  );
  if (typed === null) return;
  clear(output);
  try {
    const started = await postJson(`/api/console/secrets/${encodeURIComponent(name)}/rotate`, { confirm: typed });
    const source = new EventSource(started.events);
    source.addEventListener('log', (event) => output.append(`${JSON.parse(event.data).line}\n`));
    source.addEventListener('done', (event) => {
      source.close();
      const done = JSON.parse(event.data);
      output.append(done.ok ? `${done.message}\n` : `${done.code} ${done.message}\n`);
    });
  } catch (error) {
    output.append(`${error.code ?? ''} ${error.message}\n`);
  }
}
