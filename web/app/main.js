// @ts-check
/** The dashboard: a hash router over six views, live updates from /api/events. */
import { getJson, postJson, session } from './api.js';
import { connectLive, onLive } from './live.js';
import { renderAlerts } from './views/alerts.js';
import { renderLogs } from './views/logs.js';
import { renderModels } from './views/models.js';
import { renderOverview } from './views/overview.js';
import { renderResources } from './views/resources.js';
import { renderService } from './views/service.js';
import { clear, errorBox } from './dom.js';

/** @typedef {(container: HTMLElement, params: string[]) => (() => void) | void} View */

/** @type {[RegExp, string, View][]} */
const ROUTES = [
  [/^#?\/?$/, 'overview', renderOverview],
  [/^#\/service\/([^/?]+)$/, 'overview', renderService],
  [/^#\/resources$/, 'resources', renderResources],
  [/^#\/models$/, 'models', renderModels],
  [/^#\/logs$/, 'logs', renderLogs],
  [/^#\/alerts$/, 'alerts', renderAlerts],
];

const container = /** @type {HTMLElement} */ (document.getElementById('view'));
/** @type {(() => void) | void} */
let cleanup;

function route() {
  if (typeof cleanup === 'function') cleanup();
  cleanup = undefined;
  clear(container);
  const hash = window.location.hash;
  for (const [pattern, name, view] of ROUTES) {
    const match = pattern.exec(hash);
    if (!match) continue;
    for (const link of document.querySelectorAll('#nav a')) link.classList.toggle('active', link.getAttribute('data-view') === name);
    try {
      cleanup = view(
        container,
        match.slice(1).map((part) => decodeURIComponent(part)),
      );
    } catch (error) {
      container.appendChild(errorBox(error instanceof Error ? error.message : String(error)));
    }
    return;
  }
  container.appendChild(errorBox(`no such page: ${hash}`));
}

const live = /** @type {HTMLElement} */ (document.getElementById('live'));
connectLive((connected) => {
  live.textContent = connected ? 'live' : 'reconnecting';
  live.className = `live ${connected ? 'on' : 'off'}`;
});

const alertCount = /** @type {HTMLElement} */ (document.getElementById('alert-count'));
/** @param {number} count */
function showAlertCount(count) {
  alertCount.textContent = String(count);
  alertCount.hidden = count === 0;
}
const loadAlertCount = () =>
  getJson('/api/alerts?limit=1').then(
    (body) => showAlertCount(body.firing.length),
    () => undefined,
  );
onLive('alert', loadAlertCount);
onLive('reconnect', loadAlertCount);
void loadAlertCount();

document.getElementById('logout')?.addEventListener('click', async () => {
  try {
    await postJson('/api/logout');
  } finally {
    window.location.assign('/login');
  }
});

window.addEventListener('hashchange', route);
void session().then((current) => {
  // The console runs only in `aistack serve` on the host; the in-stack monitor says where it is.
  const nav = document.getElementById('nav');
  if (!nav) return;
  const link = document.createElement('a');
  if (current.role === 'viewer') {
    document.body.dataset.role = 'viewer';
    link.href = '#/';
    link.textContent = 'Read-only (viewer)';
    link.title = 'This login sees the monitoring pages only; the configuration console needs the admin login.';
  } else if (current.console) {
    link.href = '/console';
    link.textContent = 'Console';
  } else if (current.consoleUrl) {
    // console.route: the console of `aistack serve` on the host, through the proxy (its own login).
    link.href = current.consoleUrl;
    link.textContent = 'Console';
    link.title = 'The configuration console of `aistack serve` on the host, through the proxy; this monitor is read-only.';
  } else {
    link.href = '#/';
    link.textContent = 'Console: run `aistack serve` on the host';
    link.title =
      'The configuration console is part of `aistack serve` on the host (http://127.0.0.1:8090/console); this monitor is read-only.';
  }
  link.id = 'console-link';
  nav.append(link);
});
route();
