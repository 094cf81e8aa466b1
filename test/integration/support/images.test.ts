import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ensureTestImage } from '../../support/images.js';

const run = promisify(execFile);

describe('test images', () => {
  it('busybox runs sh and httpd', async () => {
    const image = await ensureTestImage('busybox');
    const { stdout } = await run('docker', ['run', '--rm', image, 'sh', '-c', 'echo hello && which httpd']);
    expect(stdout).toBe('hello\n/usr/sbin/httpd\n');
  });

  it('postgres initialises from POSTGRES_PASSWORD_FILE and answers pg_isready', async () => {
    const image = await ensureTestImage('postgres');
    const name = `aistack-test-pg-${process.pid}`;
    try {
      await run('docker', [
        'run',
        '-d',
        '--name',
        name,
        '-e',
        'POSTGRES_PASSWORD_FILE=/tmp/pw',
        '--entrypoint',
        'bash',
        image,
        '-c',
        'printf s3cret > /tmp/pw && exec docker-entrypoint.sh postgres',
      ]);
      let ready = false;
      for (let attempt = 0; attempt < 60 && !ready; attempt += 1) {
        // Over TCP: the entrypoint's temporary init server answers on the socket only, then stops.
        ready = await run('docker', ['exec', name, 'pg_isready', '-U', 'postgres', '-h', '127.0.0.1']).then(
          () => true,
          () => false,
        );
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(ready).toBe(true);
      const { stdout } = await run('docker', [
        'exec',
        '-e',
        'PGPASSWORD=s3cret',
        name,
        'psql',
        '-h',
        '127.0.0.1',
        '-U',
        'postgres',
        '-tAc',
        'select 41+1',
      ]);
      expect(stdout.trim()).toBe('42');
    } finally {
      await run('docker', ['rm', '-f', '-v', name]).catch(() => undefined);
    }
  }, 900_000);
});
