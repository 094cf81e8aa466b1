import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { AistackError } from '../errors.js';
import type { Stack } from '../stack/types.js';
import type { TlsPaths } from './ensure-tls.js';
import { renewTls } from './ensure-tls.js';
import { resolveTlsFiles } from './layout.js';

export interface RenewalResult {
  /** Epoch ms. */
  readonly at: number;
  /** What was done (`certificate is current`, `issued …; proxy reloaded`). */
  readonly summary: string;
  /** What went wrong, for the monitor's `certificate-renewal` alert; undefined when all is well. */
  readonly problem: string | undefined;
}

export interface RenewalSchedulerOptions {
  readonly stack: Stack;
  readonly paths: TlsPaths;
  /** Make the running proxy serve the new certificate (reloadProxy); returns what reloaded. */
  readonly reload: () => Promise<{ readonly reloaded: readonly string[] }>;
  /** @default 12 h */
  readonly intervalMs?: number;
  /** First run after start. @default 1 minute */
  readonly firstRunMs?: number;
  readonly now?: () => number;
  readonly onResult?: (result: RenewalResult) => void;
}

export interface RenewalScheduler {
  /** Whether this process can renew at all (it can write the TLS directory); why not, if not. */
  readonly enabled: () => Promise<{ readonly enabled: boolean; readonly reason: string }>;
  start(): Promise<void>;
  stop(): void;
  /** Renew what is due (under 30 days left, names changed) and reload the proxy if anything changed. Never throws. */
  runNow(): Promise<RenewalResult>;
  /** The last run's problem, if any. */
  problem(): string | undefined;
}

const HOUR = 3_600_000;

/**
 * Certificate renewal on a schedule, in `aistack serve`: twice a day it renews what is due (ACME
 * orders through the running proxy; self-signed issues a new leaf; files installs replaced user
 * files) and, when the certificate changed, tests and reloads the proxy. A failure becomes the
 * monitor's `certificate-renewal` alert and is retried on the next run; the proxy keeps serving
 * the certificate it has. Only where the TLS directory is writable (serve on the host).
 */
export function createRenewalScheduler(options: RenewalSchedulerOptions): RenewalScheduler {
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RenewalResult> | undefined;
  let last: RenewalResult | undefined;
  let reloadOwed = false;

  const runOnce = async (): Promise<RenewalResult> => {
    const at = now();
    let result: RenewalResult;
    try {
      // Nothing issued yet: `aistack up` (or `tls renew`) makes the first certificate, not the schedule.
      const present = await access(resolveTlsFiles(options.paths.tls).fullchain).then(
        () => true,
        () => false,
      );
      if (!present) {
        last = { at, summary: 'no certificate yet', problem: undefined };
        options.onResult?.(last);
        return last;
      }
      const outcome = await renewTls(options.stack, options.paths, { now: new Date(at) });
      // A reload that failed before is still owed, even when nothing changed since.
      reloadOwed ||= outcome.changed;
      if (!reloadOwed) result = { at, summary: outcome.summary, problem: undefined };
      else {
        const { reloaded } = await options.reload();
        reloadOwed = false;
        result = {
          at,
          summary: `${outcome.summary}; ${reloaded.length > 0 ? `reloaded ${reloaded.join(', ')}` : 'the proxy is not running'}`,
          problem: undefined,
        };
      }
    } catch (error: unknown) {
      const message =
        error instanceof AistackError ? `${error.code} ${error.message}` : error instanceof Error ? error.message : String(error);
      result = { at, summary: 'failed', problem: `certificate renewal failed: ${message.split('\n')[0]}` };
    }
    last = result;
    options.onResult?.(result);
    return result;
  };

  const runNow = (): Promise<RenewalResult> => {
    running ??= runOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  const arm = (delay: number): void => {
    timer = setTimeout(() => {
      void runNow().finally(() => {
        if (timer) arm(options.intervalMs ?? 12 * HOUR);
      });
    }, delay);
    timer.unref?.();
  };

  const enabled = async (): Promise<{ enabled: boolean; reason: string }> => {
    try {
      await access(options.paths.tls, constants.W_OK);
      return { enabled: true, reason: `renews certificates in ${options.paths.tls} every ${(options.intervalMs ?? 12 * HOUR) / HOUR} h` };
    } catch {
      return {
        enabled: false,
        reason:
          `${options.paths.tls} is not writable here (the in-stack monitor holds no keys): renew with \`aistack tls renew\` ` +
          `on the host (a daily timer), or run \`aistack serve\` there`,
      };
    }
  };

  return {
    enabled,
    async start() {
      if (timer || !(await enabled()).enabled) return;
      arm(options.firstRunMs ?? 60_000);
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
    runNow,
    problem: () => last?.problem,
  };
}
