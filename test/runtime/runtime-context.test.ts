import Docker from 'dockerode';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { createEngine } from '../../src/runtime/engine.js';
import { createRuntimeContext } from '../../src/runtime/runtime-context.js';

describe('createRuntimeContext', () => {
  it('explains how to install and start Docker when there is no engine to talk to', async () => {
    const directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-nodocker-'));
    try {
      const engine = createEngine(new Docker({ socketPath: path.join(directory, 'no-docker.sock') }));
      const attempt = createRuntimeContext(resolveProjectPaths(directory), { engine });
      await expect(attempt).rejects.toMatchObject({
        name: 'DockerError',
        code: 'AIS_DOCKER_UNAVAILABLE',
        hint:
          'install Docker and start it: `apt-get install docker.io docker-compose && systemctl enable --now docker` (without ' +
          'systemd: `dockerd >/var/log/dockerd.log 2>&1 &`); then add your user to the docker group: `usermod -aG docker $USER`',
      });
      await expect(attempt).rejects.toThrow(
        `cannot reach the Docker Engine (read engine info): no socket at ${path.join(directory, 'no-docker.sock')}`,
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
