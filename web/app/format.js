// @ts-check
/** Number and time formatting for people. */

/** @param {number} bytes */
export function formatBytes(bytes) {
  if (!Number.isFinite(bytes)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value >= 100 || unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** @param {number} ratio 0..1 */
export function formatRatio(ratio) {
  if (!Number.isFinite(ratio)) return '–';
  const percent = ratio * 100;
  return `${percent >= 99.995 ? '100' : percent.toFixed(2)}%`;
}

/** @param {number} percent */
export function formatPercent(percent) {
  return Number.isFinite(percent) ? `${percent.toFixed(1)}%` : '–';
}

/** @param {number} ms */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) return '–';
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms > 0 && ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/**
 * The one clock of the dashboard (chart axes, logs, alerts): the browser locale's hour cycle when
 * it has one of 12 hours (en-US: "3:04 PM"), else 24 h ("15:04").
 */
const HOUR_CYCLE = new Intl.DateTimeFormat(undefined, { hour: 'numeric' }).resolvedOptions().hourCycle ?? 'h23';
const TWELVE_HOURS = HOUR_CYCLE === 'h11' || HOUR_CYCLE === 'h12';

/**
 * @param {number} at epoch ms
 * @param {{ seconds?: boolean }} [options]
 */
export function formatClock(at, options = {}) {
  return new Date(at).toLocaleTimeString([], {
    hour: TWELVE_HOURS ? 'numeric' : '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
    hourCycle: TWELVE_HOURS ? HOUR_CYCLE : 'h23',
  });
}

/** @param {number} at epoch ms */
export function formatTime(at) {
  return formatClock(at, { seconds: true });
}

/** @param {number} at epoch ms */
export function formatDay(at) {
  return new Date(at).toLocaleDateString([], { month: 'short', day: 'numeric' });
}

/** @param {number} at epoch ms */
export function formatDateTime(at) {
  return `${formatDay(at)} ${formatClock(at)}`;
}

/**
 * "3 min ago", "2 h ago".
 * @param {number} at
 * @param {number} [now]
 */
export function formatAgo(at, now = Date.now()) {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** @param {number} ms */
export function formatDuration(ms) {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86400).toFixed(1)} d`;
}
