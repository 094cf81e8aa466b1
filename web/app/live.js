// @ts-check
/**
 * One EventSource on /api/events shared by every view; views subscribe by event type. Besides the
 * server's events there is `reconnect`: the stream is back after a break, and whatever happened
 * meanwhile was missed, so subscribers reload what they show.
 */

/** @typedef {(data: any) => void} Listener */

/** @type {Map<string, Set<Listener>>} */
const listeners = new Map();
/** @type {EventSource | undefined} */
let source;
const TYPES = ['check', 'state', 'alert', 'resources'];

/**
 * @param {(connected: boolean) => void} onStatus
 */
export function connectLive(onStatus) {
  source = new EventSource('/api/events');
  let opened = false;
  source.addEventListener('open', () => {
    onStatus(true);
    if (opened) for (const listener of listeners.get('reconnect') ?? []) listener(undefined);
    opened = true;
  });
  source.addEventListener('error', () => onStatus(false));
  for (const type of TYPES) {
    source.addEventListener(type, (event) => {
      const data = JSON.parse(/** @type {MessageEvent} */ (event).data);
      for (const listener of listeners.get(type) ?? []) listener(data);
    });
  }
}

/**
 * @param {string} type
 * @param {Listener} listener
 * @returns {() => void} unsubscribe
 */
export function onLive(type, listener) {
  const set = listeners.get(type) ?? new Set();
  set.add(listener);
  listeners.set(type, set);
  return () => set.delete(listener);
}

/**
 * Call `work` at most once per `ms`, trailing (for refreshes triggered by bursts of events).
 * @param {() => void} work
 * @param {number} ms
 */
export function throttle(work, ms) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  return () => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      work();
    }, ms);
  };
}
