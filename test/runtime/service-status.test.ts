import { describe, expect, it } from 'vitest';
import type { ContainerState } from '../../src/runtime/engine.js';
import { formatUptime, summarizeStatus } from '../../src/runtime/service-status.js';

const base: ContainerState = {
  id: 'c1',
  name: 'demo-db-1',
  project: 'demo',
  service: 'db',
  image: 'postgres:15',
  imageId: 'sha256:1',
  state: 'running',
  health: 'healthy',
  lastHealthOutput: undefined,
  exitCode: 0,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  startedAt: new Date('2026-01-01T00:00:00Z'),
  finishedAt: undefined,
  restartCount: 2,
  tty: false,
  ports: [],
  networks: [],
  labels: {},
};

describe('summarizeStatus', () => {
  it('shows declared services with their containers, jobs as completed, and services with no container as missing', () => {
    const rows = summarizeStatus(
      [
        { id: 'db', job: false, image: 'postgres:15', url: '' },
        { id: 'init', job: true, image: 'init:1', url: '' },
        { id: 'web', job: false, image: 'web:1', url: 'https://web.example.com/' },
      ],
      [
        base,
        { ...base, id: 'c2', service: 'init', image: 'init:1', state: 'exited', health: undefined, restartCount: 0 },
        { ...base, id: 'c3', service: 'stray', image: 'stray:1' },
      ],
      new Date('2026-01-01T01:02:03Z'),
    );
    expect(
      rows.map((row) => [
        row.service,
        row.state,
        row.health,
        formatUptime(row.uptimeSeconds),
        row.restarts,
        row.image,
        row.url,
        row.declared,
      ]),
    ).toEqual([
      ['db', 'running', 'healthy', '1h2m', 2, 'postgres:15', '', true],
      ['init', 'completed', '-', '-', 0, 'init:1', '', true],
      ['stray', 'running', 'healthy', '1h2m', 2, 'stray:1', '', false],
      ['web', 'missing', '-', '-', 0, 'web:1', 'https://web.example.com/', true],
    ]);
  });
  it('formats uptimes for people', () => {
    expect([formatUptime(42), formatUptime(423), formatUptime(18_720), formatUptime(273_600)]).toEqual(['42s', '7m3s', '5h12m', '3d4h']);
  });
});
