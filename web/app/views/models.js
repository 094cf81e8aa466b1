// @ts-check
/** Models: each declared model's state (present, missing, pulling with progress, failed with the reason). */
import { getJson } from '../api.js';
import { clear, errorBox, h, meter } from '../dom.js';
import { formatAgo, formatBytes, formatDuration } from '../format.js';

const REFRESH_MS = 2000;

/**
 * @param {HTMLElement} container
 */
export function renderModels(container) {
  const body = h('div', {}, h('p', { class: 'status-line' }, 'loading…'));
  container.append(h('div', { class: 'page-head' }, h('h1', {}, 'Models')), body);
  const load = () =>
    getJson('/api/models').then(
      (data) => {
        clear(body);
        body.append(...draw(data));
      },
      (error) => {
        clear(body);
        body.appendChild(errorBox(error.message));
      },
    );
  void load();
  // Pulls report progress through a file, not the event stream: poll while this view is open.
  const timer = setInterval(() => void load(), REFRESH_MS);
  return () => clearInterval(timer);
}

/** @param {any} data */
function draw(data) {
  const parts = [];
  if (!data.ollama.reachable)
    parts.push(
      h('p', { class: 'muted', id: 'ollama-status' }, `Ollama: ${data.ollama.error ?? 'not reachable'} (last recorded states shown)`),
    );
  if (data.models.length === 0) {
    parts.push(h('p', { class: 'muted', id: 'no-models' }, data.available ? 'no models declared (models.ollama in aistack.yaml)' : ''));
    return parts;
  }
  const rows = data.models.map(
    /** @param {any} model */ (model) =>
      h(
        'tr',
        { 'data-model': model.name, 'data-state': model.state },
        h('td', {}, model.name, model.displayName !== model.name ? h('span', { class: 'muted' }, ` (${model.displayName})`) : null),
        h('td', {}, h('span', { class: `state state-model-${model.state}` }, model.state)),
        h('td', { class: 'detail' }, detail(model)),
        h('td', {}, model.sizeBytes === undefined ? '–' : formatBytes(model.sizeBytes)),
        h('td', {}, model.apps.join(', ')),
        h('td', { class: 'muted' }, model.lastPullAt ? formatAgo(Date.parse(model.lastPullAt)) : '–'),
      ),
  );
  parts.push(
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { id: 'models' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Model', 'State', 'Progress / reason', 'Size', 'Apps', 'Last pull'].map((text) => h('th', {}, text)),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
  return parts;
}

/** @param {any} model */
function detail(model) {
  if (model.state === 'pulling' && model.pull) {
    const { doneBytes, totalBytes, rateBytesPerSecond, etaSeconds, phase } = model.pull;
    const ratio = totalBytes > 0 ? doneBytes / totalBytes : 0;
    const text =
      phase === 'verifying'
        ? 'verifying'
        : `${formatBytes(doneBytes)} / ${totalBytes > 0 ? formatBytes(totalBytes) : '?'} · ${formatBytes(rateBytesPerSecond)}/s${etaSeconds === undefined ? '' : ` · ETA ${formatDuration(etaSeconds * 1000)}`}`;
    return [h('span', { class: 'pull-progress' }, text), meter(ratio)];
  }
  if (model.state === 'failed' && model.error)
    return [
      h('span', { class: 'pull-error' }, `${model.error.code}: ${model.error.message}`),
      model.error.hint ? h('div', { class: 'muted' }, `hint: ${model.error.hint}`) : null,
    ];
  if (model.state === 'missing') return 'not pulled yet (`aistack models pull`)';
  return '';
}
