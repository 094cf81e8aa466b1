import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { AistackError } from '../../src/errors.js';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { resolveProjectText } from '../../src/project/load.js';

const resolve = (http: string) =>
  resolveProjectText(
    resolveProjectPaths('/project'),
    `name: demo\ndomain: ai.example.com\ncustom:\n  app:\n    image: example/app:1.0\n    port: 8080\n    health:\n      http: ${JSON.stringify(http)}\n`,
  ).stack;

function errorOf(http: string): string {
  try {
    resolve(http);
  } catch (error: unknown) {
    if (error instanceof AistackError) return error.format();
    throw error;
  }
  throw new Error('expected an error');
}

describe('custom health checks over HTTP', () => {
  it('quote the URL in CMD-SHELL, so & ; $( ) in a URL stay part of it', () => {
    const test = resolve('/health?a=1&b=2;c=$(id)').services.find((service) => service.id === 'app')?.health?.test;
    expect(test).toEqual([
      'CMD-SHELL',
      "wget -q -O /dev/null 'http://127.0.0.1:8080/health?a=1&b=2;c=$(id)' || curl -fsS -o /dev/null 'http://127.0.0.1:8080/health?a=1&b=2;c=$(id)'",
    ]);
    // What sh makes of it: one argument, the whole URL.
    const script = `wget() { printf '%s\\n' "$@"; }; ${test?.[1] ?? ''}`;
    expect(execFileSync('sh', ['-c', script], { encoding: 'utf8' })).toBe(
      '-q\n-O\n/dev/null\nhttp://127.0.0.1:8080/health?a=1&b=2;c=$(id)\n',
    );
  });

  it('refuse a path that is not a URL path (spaces, quotes, shell syntax), at its position', () => {
    const message =
      "expected a URL path such as /health or /api/ready?full=1 (letters, digits and - . _ ~ ! $ & ' ( ) * + , ; = : @ / ? or %XX)";
    expect(errorOf('/health; touch /tmp/pwned')).toBe(
      `aistack.yaml:8:13 AIS_MANIFEST_INVALID_VALUE custom.app.health.http: ${message}, got "/health; touch /tmp/pwned"`,
    );
    expect(errorOf('/a"b')).toBe(`aistack.yaml:8:13 AIS_MANIFEST_INVALID_VALUE custom.app.health.http: ${message}, got "/a"b"`);
    expect(errorOf('/a`id`')).toBe(`aistack.yaml:8:13 AIS_MANIFEST_INVALID_VALUE custom.app.health.http: ${message}, got "/a\`id\`"`);
    expect(errorOf('health')).toBe(`aistack.yaml:8:13 AIS_MANIFEST_INVALID_VALUE custom.app.health.http: ${message}, got "health"`);
  });
});
