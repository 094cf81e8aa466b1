// @ts-check
/**
 * Building DOM without innerHTML: strings always become text nodes, so log lines and every
 * other untrusted text stay text.
 */

/**
 * @typedef {string | number | Node | null | undefined | false} Child
 * @param {string} tag
 * @param {Record<string, string | number | boolean | undefined | ((event: Event) => void)>} [attributes]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, ''), value);
    } else if (name === 'style' || name.startsWith('on')) {
      throw new Error(`h(): attribute ${name} is not allowed`);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/**
 * @param {Node} parent
 * @param {(Child | Child[])[]} children
 */
export function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** @param {Node} element */
export function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
}

/**
 * @param {string} state
 * @returns {HTMLElement}
 */
export function stateBadge(state) {
  return h('span', { class: `state state-${state}`, 'data-state': state }, state);
}

/**
 * A bar filled to `ratio` (0..1); the width is set through CSSOM, which the CSP allows.
 * @param {number} ratio
 */
export function meter(ratio) {
  const fill = h('span');
  fill.style.width = `${Math.max(0, Math.min(1, ratio)) * 100}%`;
  return h(
    'div',
    { class: 'meter', role: 'meter', 'aria-valuenow': Math.round(ratio * 100), 'aria-valuemin': 0, 'aria-valuemax': 100 },
    fill,
  );
}

/**
 * @param {string} message
 */
export function errorBox(message) {
  return h('div', { class: 'error-box', role: 'alert' }, message);
}
