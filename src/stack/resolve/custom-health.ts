import { shellQuote } from '../../catalog/shell-quote.js';
import type { CatalogHealth } from '../../catalog/types.js';
import type { CustomService } from '../../manifest/schema.js';

/** Health checks for custom images: we do not know their binaries, so try the common ones. */
export function customHealth(settings: CustomService): CatalogHealth | undefined {
  const health = settings.health;
  if (!health) return undefined;
  const timing = {
    ...(health.interval === undefined ? {} : { interval: health.interval }),
    ...(health.timeout === undefined ? {} : { timeout: health.timeout }),
    ...(health.retries === undefined ? {} : { retries: health.retries }),
    ...(health.startPeriod === undefined ? {} : { startPeriod: health.startPeriod }),
  };
  if ('command' in health) return { test: ['CMD', ...health.command], ...timing, probe: { type: 'tcp' } };
  const port = settings.port ?? 80;
  if ('tcp' in health) {
    return {
      test: ['CMD-SHELL', `nc -z 127.0.0.1 ${port} || (echo > /dev/tcp/127.0.0.1/${port}) 2>/dev/null`],
      ...timing,
      probe: { type: 'tcp' },
    };
  }
  // The schema allows URL characters only, and the URL is quoted: & ; $ ( ) stay part of it.
  const url = shellQuote(`http://127.0.0.1:${port}${health.http}`);
  return {
    test: ['CMD-SHELL', `wget -q -O /dev/null ${url} || curl -fsS -o /dev/null ${url}`],
    ...timing,
    probe: { type: 'http', path: health.http, ...(health.expectStatus === undefined ? {} : { expectStatus: health.expectStatus }) },
  };
}
