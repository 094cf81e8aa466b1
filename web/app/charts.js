// @ts-check
/** SVG charts drawn by hand: a sparkline for cards and a time-series chart with axes. */

import { formatClock, formatDay } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @returns {SVGElement}
 */
function svg(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/**
 * @param {readonly number[]} values
 * @param {{ width?: number, height?: number, label?: string }} [options]
 */
export function sparkline(values, options = {}) {
  const width = options.width ?? 120;
  const height = options.height ?? 32;
  const root = svg('svg', { class: 'sparkline', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': options.label ?? 'latency' });
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length < 2) return root;
  const max = Math.max(...finite, 1);
  const step = width / (finite.length - 1);
  const points = finite.map((value, index) => [index * step, height - 2 - (value / max) * (height - 4)]);
  const line = points.map(([x, y], index) => `${index === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
  root.appendChild(svg('path', { class: 'area', d: `${line}L${width},${height}L0,${height}Z` }));
  root.appendChild(svg('path', { d: line }));
  return root;
}

/** Widest character of the axis font (13 px sans-serif digits, letters of "MiB"), in SVG units. */
const AXIS_CHAR_WIDTH = 13 * 0.62;

/**
 * A time-series line chart with a y axis (0..max) and time labels.
 * @param {readonly { at: number, value: number }[]} points
 * @param {{ from: number, to: number, format: (value: number) => string, label: string, max?: number }} options
 */
export function timeChart(points, options) {
  const width = 600;
  const height = 180;
  const max = niceMax(options.max ?? Math.max(0, ...points.map((point) => point.value)));
  const valueLabels = [0, 1, 2, 3, 4].map((tick) => options.format((tick / 4) * max));
  // Room for the widest y label, so "19.1 MiB" keeps its first digit (the chart is built off-DOM,
  // so the width is estimated from the character count at the axis font, 13 px).
  const left = Math.max(40, Math.ceil(Math.max(...valueLabels.map((text) => text.length)) * AXIS_CHAR_WIDTH) + 12);
  const right = 8;
  const top = 8;
  const bottom = 24;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': options.label, 'data-points': points.length });
  for (let tick = 0; tick <= 4; tick += 1) {
    const y = top + plotHeight - (tick / 4) * plotHeight;
    root.appendChild(svg('line', { class: 'grid', x1: left, x2: width - right, y1: y, y2: y }));
    const text = svg('text', { class: 'axis-label', 'data-axis': 'value', x: left - 6, y: y + 4, 'text-anchor': 'end' });
    text.textContent = valueLabels[tick] ?? '';
    root.appendChild(text);
  }
  const span = Math.max(1, options.to - options.from);
  for (let tick = 0; tick <= 4; tick += 1) {
    const at = options.from + (tick / 4) * span;
    const text = svg('text', {
      class: 'axis-label',
      'data-axis': 'time',
      x: left + (tick / 4) * plotWidth,
      y: height - 6,
      'text-anchor': tick === 0 ? 'start' : tick === 4 ? 'end' : 'middle',
    });
    text.textContent = timeLabel(at, span);
    root.appendChild(text);
  }
  if (points.length === 0) {
    const empty = svg('text', { class: 'empty', x: left + plotWidth / 2, y: top + plotHeight / 2, 'text-anchor': 'middle' });
    empty.textContent = 'no data in this range';
    root.appendChild(empty);
    return root;
  }
  const x = (/** @type {number} */ at) => left + ((at - options.from) / span) * plotWidth;
  const y = (/** @type {number} */ value) => top + plotHeight - (max === 0 ? 0 : (value / max) * plotHeight);
  const sorted = [...points].sort((a, b) => a.at - b.at);
  const line = sorted.map((point, index) => `${index === 0 ? 'M' : 'L'}${x(point.at).toFixed(1)},${y(point.value).toFixed(1)}`).join('');
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first && last) {
    root.appendChild(
      svg('path', {
        class: 'series-area',
        d: `${line}L${x(last.at).toFixed(1)},${top + plotHeight}L${x(first.at).toFixed(1)},${top + plotHeight}Z`,
      }),
    );
  }
  root.appendChild(svg('path', { class: 'series', d: line }));
  if (last) root.appendChild(svg('circle', { class: 'series-dot', cx: x(last.at).toFixed(1), cy: y(last.value).toFixed(1), r: 3 }));
  return root;
}

/** @param {number} value */
function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/**
 * @param {number} at
 * @param {number} span
 */
function timeLabel(at, span) {
  return span > 2 * 86_400_000 ? formatDay(at) : formatClock(at);
}
