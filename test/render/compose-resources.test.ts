import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { resolveProjectText } from '../../src/project/load.js';
import { renderCompose } from '../../src/render/compose.js';

interface ComposeLimits {
  readonly cpus: number;
  readonly mem_limit: string;
  readonly pids_limit: number;
}

/** aistack.yaml text → the limits compose.yaml carries for each service. */
function limitsOf(manifest: string): Record<string, ComposeLimits> {
  const stack = resolveProjectText(resolveProjectPaths('/project'), manifest).stack;
  const compose = parse(renderCompose(stack).content) as { services: Record<string, ComposeLimits> };
  return Object.fromEntries(
    Object.entries(compose.services).map(([id, service]) => [
      id,
      { cpus: service.cpus, mem_limit: service.mem_limit, pids_limit: service.pids_limit },
    ]),
  );
}

const header = 'name: demo\ndomain: ai.example.com\n';
const custom = 'custom:\n  app:\n    image: example/app:1.0\n    port: 8080\n    health:\n      http: /health\n';

describe('resource limits from aistack.yaml to compose.yaml', () => {
  it('without any setting, catalog services keep the catalog values and custom services get 512M, 1 CPU, 512 pids', () => {
    const limits = limitsOf(`${header}services:\n  adminer: {}\n${custom}`);
    expect(limits.adminer).toEqual({ cpus: 0.5, mem_limit: '256M', pids_limit: 128 });
    expect(limits.app).toEqual({ cpus: 1, mem_limit: '512M', pids_limit: 512 });
  });

  it('resources.defaults.memory applies to catalog and custom services alike', () => {
    const limits = limitsOf(`${header}services:\n  adminer: {}\n${custom}resources:\n  defaults:\n    memory: 4g\n`);
    expect(limits.adminer?.mem_limit).toBe('4096M');
    expect(limits.app?.mem_limit).toBe('4096M');
    expect(limits.proxy?.mem_limit).toBe('4096M');
  });

  it('resources.defaults.cpus applies to catalog and custom services alike', () => {
    const limits = limitsOf(`${header}services:\n  adminer: {}\n${custom}resources:\n  defaults:\n    cpus: 2.5\n`);
    expect(limits.adminer?.cpus).toBe(2.5);
    expect(limits.app?.cpus).toBe(2.5);
  });

  it('resources.defaults.pids applies to catalog and custom services alike', () => {
    const limits = limitsOf(`${header}services:\n  adminer: {}\n${custom}resources:\n  defaults:\n    pids: 1000\n`);
    expect(limits.adminer?.pids_limit).toBe(1000);
    expect(limits.app?.pids_limit).toBe(1000);
  });

  it('a per-service override beats resources.defaults, field by field', () => {
    const limits = limitsOf(
      `${header}services:\n  adminer:\n    resources:\n      memory: 300m\n      cpus: 0.75\n` +
        `${custom}    resources:\n      pids: 64\n` +
        'resources:\n  defaults:\n    memory: 4g\n    cpus: 2\n    pids: 1000\n',
    );
    expect(limits.adminer).toEqual({ cpus: 0.75, mem_limit: '300M', pids_limit: 1000 });
    expect(limits.app).toEqual({ cpus: 2, mem_limit: '4096M', pids_limit: 64 });
  });

  it('per-service overrides of every field reach compose.yaml', () => {
    const limits = limitsOf(`${header}services:\n  ollama:\n    resources:\n      memory: 12g\n      cpus: 6\n      pids: 2048\n`);
    expect(limits.ollama).toEqual({ cpus: 6, mem_limit: '12288M', pids_limit: 2048 });
  });
});
