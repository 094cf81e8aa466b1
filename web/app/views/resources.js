// @ts-check
/** Resources: the host, its GPUs, and every container's CPU, memory, network, block I/O and restarts. */
import { getJson } from '../api.js';
import { sparkline } from '../charts.js';
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
    Promise.all([getJson('/api/resources'), getJson('/api/gpus')]).then(
      ([data, gpus]) => {
        clear(body);
        body.append(...draw(data), ...drawGpus(gpus));
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

/** @param {any} data */
function drawGpus(data) {
  if (!data.sampled) return [];
  const parts = [h('h2', {}, 'GPUs')];
  if (data.gpus.length === 0) {
    parts.push(h('p', { class: 'muted', id: 'no-gpu' }, 'no GPU detected (no nvidia-smi or rocm-smi answered on this host)'));
    return parts;
  }
  parts.push(
    h(
      'div',
      { class: 'tiles', id: 'gpus' },
      data.gpus.map(
        /** @param {any} gpu */ (gpu) =>
          h(
            'div',
            { class: 'tile', 'data-gpu': gpu.index },
            h('div', { class: 'label' }, `GPU ${gpu.index}: ${gpu.name}`),
            h('div', { class: 'value' }, gpu.utilizationPercent === undefined ? '–' : formatPercent(gpu.utilizationPercent)),
            meter((gpu.utilizationPercent ?? 0) / 100),
            h(
              'div',
              { class: 'label' },
              `VRAM ${gpu.memoryUsedBytes === undefined ? '–' : formatBytes(gpu.memoryUsedBytes)} / ${formatBytes(gpu.memoryTotalBytes)}`,
            ),
            meter(gpu.memoryTotalBytes > 0 ? (gpu.memoryUsedBytes ?? 0) / gpu.memoryTotalBytes : 0),
            sparkline(
              gpu.series.utilization.map(/** @param {any} point */ (point) => point.value),
              { label: 'utilisation, last hour' },
            ),
          ),
      ),
    ),
  );
  if (data.processes.length > 0)
    parts.push(
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { id: 'gpu-processes' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Service', 'PID', 'GPU', 'VRAM'].map((text) => h('th', {}, text)),
            ),
          ),
          h(
            'tbody',
            {},
            data.processes.map(
              /** @param {any} process */ (process) =>
                h(
                  'tr',
                  {},
                  h('td', {}, process.service ?? '(outside the stack)'),
                  h('td', {}, process.pid),
                  h('td', {}, process.gpuIndex ?? process.gpuUuid),
                  h('td', {}, formatBytes(process.usedMemoryBytes)),
                ),
            ),
          ),
        ),
      ),
    );
  return parts;
}
