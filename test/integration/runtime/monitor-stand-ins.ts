import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ensureTestImage } from '../../support/images.js';

const run = promisify(execFile);

/**
 * A stand-in for the monitor (aistack's own image), for rollouts that need it in the stack
 * without its whole image. The monitor stand-in reads
 * /project/aistack.yaml once at start, as `aistack serve` does, and answers GET /config with the
 * first notifier URL it read, so a test sees what the running process uses; /livez answers for its
 * health check.
 */
export async function ensureMonitorStandIns(): Promise<{ monitor: string }> {
  const node = await ensureTestImage('node');
  return {
    monitor: await build('aistack-test/monitor-stand-in:2', {
      'stand-in.js': [
        "const { readFileSync } = require('node:fs');",
        "const { createServer } = require('node:http');",
        "const manifest = readFileSync('/project/aistack.yaml', 'utf8');",
        'const url = (/url:\\s*"?([^"\\s,}]+)/.exec(manifest) || [])[1] || \'\';',
        "createServer((request, response) => response.end(request.url === '/config' ? url : 'ok')).listen(8090, '0.0.0.0');",
        "process.on('SIGTERM', () => process.exit(0));",
        '',
      ].join('\n'),
      Dockerfile: [`FROM ${node}`, 'COPY stand-in.js /stand-in.js', 'ENTRYPOINT ["node", "/stand-in.js"]', ''].join('\n'),
    }),
  };
}

async function build(tag: string, files: Record<string, string>): Promise<string> {
  const exists = await run('docker', ['image', 'inspect', tag]).then(
    () => true,
    () => false,
  );
  if (exists) return tag;
  const directory = await mkdtemp(path.join(os.tmpdir(), 'aisops-stand-in-'));
  try {
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(directory, name), content);
    await run('docker', ['build', '--quiet', '--tag', tag, directory]);
    return tag;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
