// @ts-check
/** Resources: the host and every container's CPU, memory, network, block I/O and restarts. */
import { getJson } from '../api.js';
import { clear, errorBox, h, meter } from '../dom.js';
import { formatAgo, formatBytes, formatPercent } from '../format.js';
import { onLive, throttle } from '../live.js';

/**
 * @param {HTMLElement} container
 */
export function renderResources(container) {
  const body = h('div', {}, h('p', { class: 'status-line' }, 'loading…'));
  container.append(h('div', { class: 'page-head' }, h('h1', {}, 'Resources')), body);
  const load = () =>
    getJson('/api/resources').then(
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
  const refresh = throttle(() => void load(), 5000);
  const offResources = onLive('resources', refresh);
  const offReconnect = onLive('reconnect', refresh);
  return () => {
    offResources();
    offReconnect();
  };
}

/** @param {any} data */
function draw(data) {
  const parts = [];
  if (data.host) {
    const host = data.host;
    const memoryUsed = host.memoryTotalBytes - host.memoryAvailableBytes;
    const diskUsed = host.diskTotalBytes - host.diskFreeBytes;
    parts.push(
      h(
        'div',
        { class: 'tiles', id: 'host' },
        hostTile('Host CPU', formatPercent(host.cpuPercent), host.cpuPercent / 100),
        hostTile('Host memory', `${formatBytes(memoryUsed)} / ${formatBytes(host.memoryTotalBytes)}`, memoryUsed / host.memoryTotalBytes),
        hostTile('Disk', `${formatBytes(diskUsed)} / ${formatBytes(host.diskTotalBytes)}`, diskUsed / host.diskTotalBytes),
      ),
    );
  }
  const rows = [...data.containers]
    .sort((a, b) => a.service.localeCompare(b.service))
    .map((container) =>
      h(
        'tr',
        { 'data-service': container.service },
        h('td', {}, h('a', { href: `#/service/${encodeURIComponent(container.service)}` }, container.service)),
        h('td', {}, `${container.state}${container.health ? ` (${container.health})` : ''}`),
        h('td', {}, formatPercent(container.cpuPercent)),
        h(
          'td',
          {},
          `${formatBytes(container.memoryBytes)} / ${formatBytes(container.memoryLimitBytes)}`,
          meter(container.memoryLimitBytes > 0 ? container.memoryBytes / container.memoryLimitBytes : 0),
        ),
        h('td', {}, `↓ ${formatBytes(container.networkRxBytes)} ↑ ${formatBytes(container.networkTxBytes)}`),
        h('td', {}, `${formatBytes(container.blockReadBytes)} / ${formatBytes(container.blockWriteBytes)}`),
        h('td', {}, `${container.restarts}${container.oomKilled ? ' · OOM' : ''}`),
        h('td', { class: 'muted' }, formatAgo(container.at)),
      ),
    );
  parts.push(
    h('h2', {}, 'Containers'),
    rows.length === 0
      ? h('p', { class: 'muted' }, 'no containers sampled yet')
      : h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { id: 'containers' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['Service', 'State', 'CPU', 'Memory', 'Network', 'Block read / written', 'Restarts', 'Sampled'].map((text) =>
                  h('th', {}, text),
                ),
              ),
            ),
            h('tbody', {}, rows),
          ),
        ),
  );
  return parts;
}

/**
 * @param {string} label
 * @param {string} value
 * @param {number} ratio
 */
function hostTile(label, value, ratio) {
  return h('div', { class: 'tile' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), meter(ratio));
}
