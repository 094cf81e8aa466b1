// @ts-check
/** One service: state, checks, latency/CPU/memory charts over a range, container, recent logs. */
import { getJson } from '../api.js';
import { timeChart } from '../charts.js';
import { clear, errorBox, h, stateBadge } from '../dom.js';
import { formatAgo, formatBytes, formatDateTime, formatMs, formatPercent, formatRatio } from '../format.js';
import { onLive, throttle } from '../live.js';
import { logLine } from './logs.js';

const RANGES = ['1h', '24h', '7d'];

/**
 * @param {HTMLElement} container
 * @param {string[]} params
 */
export function renderService(container, params) {
  const id = params[0] ?? '';
  let range = '1h';
  const title = h('h1', {}, id);
  const rangeButtons = h('div', { class: 'ranges', role: 'group', 'aria-label': 'range' });
  const body = h('div', {}, h('p', { class: 'status-line' }, 'loading…'));
  container.append(h('p', {}, h('a', { href: '#/' }, '← all services')), h('div', { class: 'page-head' }, title, rangeButtons), body);

  const drawButtons = () => {
    clear(rangeButtons);
    for (const candidate of RANGES) {
      rangeButtons.appendChild(
        h(
          'button',
          {
            type: 'button',
            'data-range': candidate,
            'aria-pressed': String(candidate === range),
            onclick: () => {
              range = candidate;
              drawButtons();
              void load();
            },
          },
          candidate,
        ),
      );
    }
  };
  drawButtons();

  /** @type {string[]} */
  let monitorIds = [];
  const load = () =>
    getJson(`/api/services/${encodeURIComponent(id)}?range=${range}`).then(
      (data) => {
        monitorIds = data.monitors.map((/** @type {any} */ monitor) => monitor.id);
        clear(title);
        title.append(id, stateBadge(data.state));
        clear(body);
        body.append(...draw(data));
      },
      (error) => {
        clear(body);
        body.appendChild(errorBox(error.message));
      },
    );
  void load();

  const refresh = throttle(() => void load(), 3000);
  const offCheck = onLive('check', (check) => {
    if (monitorIds.includes(check.monitorId)) refresh();
  });
  const offState = onLive('state', (status) => {
    if (monitorIds.includes(status.id)) refresh();
  });
  const offReconnect = onLive('reconnect', refresh);
  return () => {
    offCheck();
    offState();
    offReconnect();
  };
}

/** @param {any} data */
function draw(data) {
  const memoryLimit = data.containers[0]?.memoryLimitBytes;
  const charts = h(
    'div',
    { class: 'charts' },
    chart('Latency', timeChart(data.series.latency, { from: data.from, to: data.to, format: formatMs, label: 'latency' })),
    chart(
      'CPU',
      timeChart(data.series.cpu, {
        from: data.from,
        to: data.to,
        format: (value) => `${value > 0 && value < 10 ? value.toFixed(1) : Math.round(value)}%`,
        label: 'CPU',
      }),
    ),
    chart(
      memoryLimit ? `Memory (limit ${formatBytes(memoryLimit)})` : 'Memory',
      timeChart(data.series.memory, { from: data.from, to: data.to, format: formatBytes, label: 'memory' }),
    ),
  );
  const checks = h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Check', 'Type', 'State', 'Since', 'Latency', 'Uptime 24 h', 'Last result'].map((text) => h('th', {}, text)),
        ),
      ),
      h(
        'tbody',
        {},
        data.monitors.map((/** @type {any} */ monitor) =>
          h(
            'tr',
            { 'data-monitor': monitor.id },
            h('td', {}, monitor.name),
            h('td', {}, monitor.type),
            h('td', {}, stateBadge(monitor.state)),
            h('td', {}, formatAgo(monitor.since)),
            h('td', {}, monitor.lastCheck ? formatMs(monitor.lastCheck.latencyMs) : '–'),
            h('td', {}, formatRatio(monitor.uptime24h)),
            h('td', { class: 'wrap' }, monitor.lastCheck?.message ?? 'not checked yet'),
          ),
        ),
      ),
    ),
  );
  const containers = data.containers.map((/** @type {any} */ container) =>
    h(
      'dl',
      { class: 'info', 'data-container': container.containerName },
      info('Container', container.containerName),
      info('Image', container.image),
      info('State', `${container.state}${container.health ? ` (${container.health})` : ''}`),
      info('Started', container.startedAt ? formatDateTime(container.startedAt) : '–'),
      info('CPU', formatPercent(container.cpuPercent)),
      info(
        'Memory',
        `${formatBytes(container.memoryBytes)} of ${formatBytes(container.memoryLimitBytes)} (working set ${formatBytes(container.memoryWorkingSetBytes)})`,
      ),
      info('Network', `↓ ${formatBytes(container.networkRxBytes ?? 0)} ↑ ${formatBytes(container.networkTxBytes ?? 0)}`),
      info('Block I/O', `read ${formatBytes(container.blockReadBytes ?? 0)} · written ${formatBytes(container.blockWriteBytes ?? 0)}`),
      info('Restarts', `${container.restarts}${container.oomKilled ? ' · OOM killed' : ''}`),
    ),
  );
  const logs = h('div', { class: 'log-lines', id: 'service-logs' }, data.logs.map(logLine));
  return [
    h('h2', {}, 'Charts'),
    charts,
    h('h2', {}, 'Checks'),
    data.monitors.length > 0 ? checks : h('p', { class: 'muted' }, 'no checks for this service'),
    h('h2', {}, 'Container'),
    ...(containers.length > 0 ? containers : [h('p', { class: 'muted' }, 'no container')]),
    h('h2', {}, 'Recent logs ', h('a', { href: '#/logs', class: 'muted' }, '(all logs)')),
    data.logs.length > 0 ? logs : h('p', { class: 'muted' }, 'no log lines'),
  ];
}

/**
 * @param {string} title
 * @param {Element} svg
 */
function chart(title, svg) {
  return h('figure', { class: 'chart', 'data-chart': title.split(' ')[0]?.toLowerCase() }, h('h3', {}, title), svg);
}

/**
 * @param {string} term
 * @param {string} value
 */
function info(term, value) {
  const fragment = document.createDocumentFragment();
  fragment.append(h('dt', {}, term), h('dd', {}, value));
  return fragment;
}
