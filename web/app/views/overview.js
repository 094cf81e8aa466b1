// @ts-check
/** Overview: every service with its state, latency sparkline and uptime; live. */
import { getJson } from '../api.js';
import { sparkline } from '../charts.js';
import { append, clear, errorBox, h, stateBadge } from '../dom.js';
import { formatAgo, formatBytes, formatMs, formatPercent, formatRatio } from '../format.js';
import { onLive } from '../live.js';

const RANK = { down: 3, degraded: 2, pending: 1, up: 0 };

/**
 * @param {HTMLElement} container
 */
export function renderOverview(container) {
  /** @type {Map<string, any>} */
  const monitors = new Map();
  /** @type {any} */
  let overview;
  const tiles = h('div', { class: 'tiles' });
  const cards = h('div', { class: 'cards', id: 'service-cards' });
  /** @type {Map<string, HTMLElement>} */
  const cardOf = new Map();
  const status = h('p', { class: 'status-line' }, 'loading…');
  container.append(h('div', { class: 'page-head' }, h('h1', {}, 'Services'), status), tiles, cards);

  let scheduled = false;
  const redraw = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      draw();
    });
  };

  function draw() {
    const groups = new Map();
    for (const monitor of monitors.values()) {
      const key = monitor.service ?? monitor.id;
      const list = groups.get(key) ?? [];
      list.push(monitor);
      groups.set(key, list);
    }
    const counts = { up: 0, down: 0, degraded: 0, pending: 0 };
    for (const monitor of monitors.values()) counts[/** @type {'up'} */ (monitor.state)] += 1;
    clear(tiles);
    tiles.append(
      tile(String(groups.size), 'services'),
      tile(String(counts.up), 'monitors up'),
      tile(String(counts.down), 'down', counts.down > 0 ? 'state-down' : undefined),
      tile(String(counts.degraded), 'degraded'),
    );
    if (overview?.host) {
      const host = overview.host;
      tiles.append(
        tile(formatPercent(host.cpuPercent), 'host CPU'),
        tile(formatBytes(host.memoryTotalBytes - host.memoryAvailableBytes), `of ${formatBytes(host.memoryTotalBytes)} memory`),
        tile(formatBytes(host.diskFreeBytes), 'disk free'),
      );
    }
    const sorted = [...groups.entries()].sort(([a, listA], [b, listB]) => worst(listB) - worst(listA) || a.localeCompare(b));
    // Cards are updated in place, keyed by service: a rebuilt card between a press and its release
    // would swallow the click (checks arrive every second, so a busy overview redraws often).
    if (!cards.firstElementChild?.classList.contains('card')) clear(cards);
    sorted.forEach(([service, list], index) => {
      const element = cardOf.get(service) ?? h('a', { href: `#/service/${encodeURIComponent(service)}`, 'data-service': service });
      cardOf.set(service, element);
      fillCard(element, service, list);
      if (cards.children[index] !== element) cards.insertBefore(element, cards.children[index] ?? null);
    });
    for (const [service, element] of cardOf) {
      if (groups.has(service)) continue;
      element.remove();
      cardOf.delete(service);
    }
    status.textContent = `${monitors.size} monitors · updated ${formatAgo(overview?.generatedAt ?? Date.now())}`;
  }

  const load = () =>
    getJson('/api/overview').then(
      (body) => {
        overview = body;
        monitors.clear();
        for (const monitor of body.monitors) monitors.set(monitor.id, monitor);
        draw();
      },
      (error) => {
        clear(cards);
        cardOf.clear();
        cards.appendChild(errorBox(error.message));
      },
    );
  void load();

  const offState = onLive('state', (status) => {
    monitors.set(status.id, { ...monitors.get(status.id), ...status });
    redraw();
  });
  const offCheck = onLive('check', (check) => {
    const monitor = monitors.get(check.monitorId);
    if (!monitor) return;
    monitor.lastCheck = check;
    monitor.recentLatencies = [...monitor.recentLatencies.slice(-29), check.latencyMs];
    redraw();
  });
  const offReconnect = onLive('reconnect', () => void load());
  const refresh = setInterval(load, 60_000);
  return () => {
    offState();
    offCheck();
    offReconnect();
    clearInterval(refresh);
  };
}

/** @param {any[]} list */
function worst(list) {
  return Math.max(...list.map((monitor) => RANK[/** @type {'up'} */ (monitor.state)] ?? 0));
}

/**
 * @param {string} value
 * @param {string} label
 * @param {string} [extra]
 */
function tile(value, label, extra) {
  return h('div', { class: `tile ${extra ?? ''}` }, h('div', { class: 'value' }, value), h('div', { class: 'label' }, label));
}

/**
 * Fills a service's card (an `a` kept across redraws) with its current state.
 * @param {HTMLElement} element
 * @param {string} service
 * @param {any[]} list
 */
function fillCard(element, service, list) {
  const state = ['down', 'degraded', 'pending', 'up'].find((candidate) => list.some((monitor) => monitor.state === candidate)) ?? 'pending';
  const main = list.find((monitor) => monitor.type === 'http') ?? list[0];
  const latency = main?.lastCheck?.latencyMs;
  const uptime = Math.min(...list.map((monitor) => monitor.uptime24h));
  const failing = list.find((monitor) => monitor.state !== 'up' && monitor.lastCheck);
  element.setAttribute('class', `card ${state}`);
  element.setAttribute('data-state', state);
  clear(element);
  append(element, [
    h('div', { class: 'card-head' }, h('span', { class: 'card-title' }, service), stateBadge(state)),
    h(
      'div',
      { class: 'card-body' },
      h(
        'div',
        { class: 'card-stats' },
        h('div', {}, h('strong', {}, latency === undefined ? '–' : formatMs(latency)), ' latency'),
        h('div', {}, h('strong', {}, formatRatio(uptime)), ' uptime 24 h'),
        h('div', {}, `${list.length} ${list.length === 1 ? 'check' : 'checks'}: ${list.map((monitor) => monitor.type).join(', ')}`),
      ),
      sparkline(main?.recentLatencies ?? [], { label: `${service} latency` }),
    ),
    failing ? h('div', { class: 'card-message' }, `${failing.type}: ${failing.lastCheck.message}`) : null,
  ]);
}
