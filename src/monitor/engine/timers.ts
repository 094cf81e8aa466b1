/** The engine's repeating work and its one "soon" task, all cleared at once on stop. */
export interface EngineTimers {
  /** Run `work` every `ms` (unref'd: the timers never keep the process alive). */
  every(ms: number, work: () => unknown): void;
  /** Run `work` on the next turn of the event loop, once however often it is asked for before then. */
  soon(work: () => unknown): void;
  clear(): void;
}

export function createEngineTimers(): EngineTimers {
  const timers: NodeJS.Timeout[] = [];
  let pending: NodeJS.Immediate | undefined;
  return {
    every(ms, work) {
      const timer = setInterval(work, ms);
      timer.unref?.();
      timers.push(timer);
    },
    soon(work) {
      if (pending) return;
      pending = setImmediate(() => {
        pending = undefined;
        work();
      });
    },
    clear() {
      for (const timer of timers) clearInterval(timer);
      timers.length = 0;
      if (pending) clearImmediate(pending);
      pending = undefined;
    },
  };
}
