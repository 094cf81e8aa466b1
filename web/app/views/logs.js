// @ts-check
/** Logs: server-side search (text, regex, level, services, time) and live tail over SSE. */
import { getJson } from '../api.js';
import { clear, errorBox, h } from '../dom.js';
import { formatClock } from '../format.js';

/** Lines kept on the page while following; older ones are dropped. */
const MAX_LINES = 2000;

/**
 * One log line. Every part is set as text (h() makes text nodes), never parsed as HTML.
 * @param {{ at: number, service: string, level: string, stream: string, text: string }} line
 */
export function logLine(line) {
  return h(
    'div',
    { class: `log-line level-${line.level}`, 'data-stream': line.stream },
    h(
      'span',
      { class: 'log-time' },
      `${new Date(line.at).toLocaleDateString([], { month: '2-digit', day: '2-digit' })} ${formatClock(line.at, { seconds: true })}`,
    ),
    h('span', { class: 'log-service' }, line.service),
    h('span', { class: 'log-level' }, line.level === 'unknown' ? '' : line.level),
    h('span', { class: 'log-text' }, line.text),
  );
}

/**
 * @param {HTMLElement} container
 */
export function renderLogs(container) {
  const services = h('input', { type: 'text', name: 'services', placeholder: 'services (comma-separated)', 'aria-label': 'services' });
  const text = h('input', { type: 'search', name: 'text', placeholder: 'contains text', 'aria-label': 'text' });
  const regex = h('input', { type: 'text', name: 'regex', placeholder: 'regex', 'aria-label': 'regular expression' });
  const level = h(
    'select',
    { name: 'level', 'aria-label': 'level' },
    ['', 'error', 'warn', 'info', 'debug'].map((value) => h('option', { value }, value === '' ? 'any level' : value)),
  );
  const since = h(
    'select',
    { name: 'since', 'aria-label': 'time range' },
    [
      ['900000', 'last 15 min'],
      ['3600000', 'last hour'],
      ['86400000', 'last 24 h'],
      ['604800000', 'last 7 days'],
    ].map(([value, label]) => h('option', { value }, label)),
  );
  const follow = h('button', { type: 'button', id: 'follow', 'aria-pressed': 'false' }, 'Follow live');
  const search = h('button', { type: 'submit', class: 'primary' }, 'Search');
  const form = h('form', { class: 'filters', id: 'log-filters' }, services, text, regex, level, since, search, follow);
  const status = h('p', { class: 'status-line', id: 'log-status' });
  const lines = h('div', { class: 'log-lines', id: 'log-lines' });
  container.append(h('div', { class: 'page-head' }, h('h1', {}, 'Logs')), form, status, lines);

  /** @type {EventSource | undefined} */
  let stream;
  /** Lines on the page, so the live stream does not repeat what the search showed. */
  const shown = new Set();
  const keyOf = (/** @type {{ at: number, service: string, stream: string, text: string }} */ line) =>
    `${line.at}|${line.service}|${line.stream}|${line.text}`;
  const value = (/** @type {HTMLElement} */ element) => /** @type {HTMLInputElement} */ (element).value.trim();
  const filters = () => {
    const query = new URLSearchParams();
    if (value(services)) query.set('services', value(services).replace(/\s+/g, ''));
    if (value(text)) query.set('text', value(text));
    if (value(regex)) query.set('regex', value(regex));
    if (value(level)) query.set('level', value(level));
    return query;
  };

  const runSearch = async () => {
    const query = filters();
    query.set('since', String(Date.now() - Number(value(since))));
    query.set('limit', '1000');
    status.textContent = 'searching…';
    try {
      const body = await getJson(`/api/logs?${query}`);
      clear(lines);
      shown.clear();
      for (const line of body.lines) shown.add(keyOf(line));
      lines.append(...body.lines.map(logLine));
      lines.scrollTop = lines.scrollHeight;
      status.textContent = `${body.lines.length} lines`;
    } catch (error) {
      clear(lines);
      lines.appendChild(errorBox(error instanceof Error ? error.message : String(error)));
      status.textContent = '';
    }
  };

  const stopFollowing = () => {
    stream?.close();
    stream = undefined;
    follow.setAttribute('aria-pressed', 'false');
  };
  const startFollowing = () => {
    stopFollowing();
    stream = new EventSource(`/api/logs/stream?${filters()}`);
    follow.setAttribute('aria-pressed', 'true');
    status.textContent = 'following live…';
    stream.addEventListener('open', () => (status.textContent = 'following live'));
    stream.addEventListener('error', () => (status.textContent = 'live stream interrupted; reconnecting…'));
    stream.addEventListener('log', (event) => {
      const line = JSON.parse(/** @type {MessageEvent} */ (event).data);
      const key = keyOf(line);
      if (shown.has(key)) return;
      shown.add(key);
      if (shown.size > MAX_LINES * 2) shown.delete(shown.values().next().value);
      const atBottom = lines.scrollHeight - lines.scrollTop - lines.clientHeight < 40;
      lines.appendChild(logLine(line));
      while (lines.childElementCount > MAX_LINES) lines.firstElementChild?.remove();
      if (atBottom) lines.scrollTop = lines.scrollHeight;
    });
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void runSearch().then(() => {
      if (stream) startFollowing();
    });
  });
  // Following starts from a search with the same filters, so the page shows only matching lines.
  follow.addEventListener('click', () => (stream ? stopFollowing() : void runSearch().then(startFollowing)));
  void runSearch();
  return stopFollowing;
}
