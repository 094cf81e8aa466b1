import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * bcrypt comparisons in a worker thread. bcryptjs is plain JavaScript: on the main thread a cost-10
 * comparison holds the event loop for tens of milliseconds (it yields only every 100 ms of work),
 * so a burst of logins stalled every other request, /livez included. The worker runs them one
 * after another; the login throttle bounds how many there are.
 */
export interface BcryptVerifier {
  compare(password: string, hash: string): Promise<boolean>;
}

// CommonJS inside the worker, with bcryptjs' own path, so it loads wherever aistack is installed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const bcrypt = require(workerData.bcryptjs);
parentPort.on('message', ({ id, password, hash }) => {
  let ok = false;
  try {
    ok = bcrypt.compareSync(password, hash);
  } catch {
    ok = false;
  }
  parentPort.postMessage({ id, ok });
});
`;

let shared: BcryptVerifier | undefined;

/** The process's one verifier (its worker starts on the first comparison and never keeps the process alive). */
export function sharedBcryptVerifier(): BcryptVerifier {
  shared ??= createBcryptVerifier();
  return shared;
}

export function createBcryptVerifier(): BcryptVerifier {
  const bcryptjs = createRequire(import.meta.url).resolve('bcryptjs');
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (ok: boolean) => void; reject: (error: Error) => void }>();

  const start = (): Worker => {
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { bcryptjs } });
    started.unref();
    started.on('message', ({ id, ok }: { id: number; ok: boolean }) => {
      pending.get(id)?.resolve(ok);
      pending.delete(id);
      if (pending.size === 0) started.unref();
    });
    const fail = (error: Error): void => {
      if (worker === started) worker = undefined;
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    };
    started.on('error', fail);
    started.on('exit', (code) => fail(new Error(`the bcrypt worker exited (code ${code})`)));
    return started;
  };

  return {
    compare(password, hash) {
      worker ??= start();
      const id = nextId++;
      const target = worker;
      return new Promise<boolean>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // Held while a comparison is pending, so a caller awaiting it is never left hanging.
        target.ref();
        target.postMessage({ id, password, hash });
      });
    },
  };
}
