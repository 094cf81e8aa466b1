// @ts-check
/** Alerts: what fires now, the history, the rules, and "send test notification". */
import { getJson, postJson } from '../api.js';
import { clear, errorBox, h } from '../dom.js';
import { formatDateTime, formatDuration } from '../format.js';
import { onLive, throttle } from '../live.js';

/**
 * @param {HTMLElement} container
 */
export function renderAlerts(container) {
  const results = h('ul', { class: 'results', id: 'test-results' });
  const testButton = h('button', { type: 'button', id: 'send-test', class: 'primary' }, 'Send test notification');
  testButton.addEventListener('click', async () => {
    /** @type {HTMLButtonElement} */ (testButton).disabled = true;
    clear(results);
    try {
      const body = await postJson('/api/notifications/test');
      if (body.results.length === 0) results.appendChild(h('li', {}, 'no notifiers configured (monitor.notifiers in aistack.yaml)'));
      for (const result of body.results)
        results.appendChild(h('li', { class: result.ok ? 'ok' : 'failed' }, `${result.notifier}: ${result.message}`));
    } catch (error) {
      results.appendChild(h('li', { class: 'failed' }, error instanceof Error ? error.message : String(error)));
    } finally {
      /** @type {HTMLButtonElement} */ (testButton).disabled = false;
    }
  });
  const body = h('div', {}, h('p', { class: 'status-line' }, 'loading…'));
  container.append(h('div', { class: 'page-head' }, h('h1', {}, 'Alerts'), testButton), results, body);

  const load = () =>
    Promise.all([getJson('/api/alerts?limit=200'), getJson('/api/rules')]).then(
      ([alerts, rules]) => {
        clear(body);
        body.append(...draw(alerts, rules.rules));
      },
      (error) => {
        clear(body);
        body.appendChild(errorBox(error.message));
      },
    );
  void load();
  const refresh = throttle(() => void load(), 1000);
  const offAlert = onLive('alert', refresh);
  const offReconnect = onLive('reconnect', refresh);
  return () => {
    offAlert();
    offReconnect();
  };
}

/**
 * @param {{ firing: any[], history: any[] }} alerts
 * @param {any[]} rules
 */
function draw(alerts, rules) {
  const firing = alerts.firing.map((alert) =>
    h(
      'div',
      { class: `alert-item ${alert.severity}`, 'data-alert': alert.id },
      h('span', { class: `severity severity-${alert.severity}` }, alert.severity),
      h('strong', {}, alert.summary),
      h('span', { class: 'muted' }, `since ${formatDateTime(alert.startedAt)} (${formatDuration(Date.now() - alert.startedAt)})`),
    ),
  );
  const history = alerts.history.map((alert) =>
    h(
      'tr',
      {},
      h('td', {}, h('span', { class: `severity severity-${alert.severity}` }, alert.severity)),
      h('td', { class: 'wrap' }, alert.summary),
      h('td', {}, alert.state),
      h('td', {}, formatDateTime(alert.startedAt)),
      h('td', {}, alert.resolvedAt ? formatDuration(alert.resolvedAt - alert.startedAt) : 'ongoing'),
    ),
  );
  const ruleRows = rules.map((rule) =>
    h(
      'tr',
      {},
      h('td', {}, rule.name),
      h('td', {}, rule.metric),
      h('td', {}, rule.service ?? 'all'),
      h('td', {}, rule.threshold === undefined ? '–' : String(rule.threshold)),
      h('td', {}, rule.forMs > 0 ? formatDuration(rule.forMs) : '–'),
      h('td', {}, h('span', { class: `severity severity-${rule.severity}` }, rule.severity)),
      h('td', { class: 'muted' }, rule.builtIn ? 'built-in' : 'aistack.yaml'),
    ),
  );
  return [
    h('h2', {}, `Firing (${firing.length})`),
    h('div', { id: 'firing' }, firing.length > 0 ? firing : h('p', { class: 'muted' }, 'nothing is firing')),
    h('h2', {}, 'History'),
    table(['Severity', 'Summary', 'State', 'Started', 'Lasted'], history, 'history'),
    h('h2', {}, 'Rules'),
    table(['Rule', 'Metric', 'Service', 'Threshold', 'For', 'Severity', 'Source'], ruleRows, 'rules'),
  ];
}

/**
 * @param {string[]} headers
 * @param {HTMLElement[]} rows
 * @param {string} id
 */
function table(headers, rows, id) {
  if (rows.length === 0) return h('p', { class: 'muted' }, 'none');
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { id },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((text) => h('th', {}, text)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
