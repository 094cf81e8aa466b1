import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createComposeProject } from '../../../src/runtime/compose-project.js';
import { createEngine } from '../../../src/runtime/engine.js';
import { streamLogs } from '../../../src/runtime/log-stream.js';
import { ensureTestImage } from '../../support/images.js';
import { removeProject, uniqueProjectName } from './support.js';

describe('logs of several services on Docker', () => {
  const project = uniqueProjectName('ais-logs');
  let directory = '';
  const engine = createEngine();

  beforeAll(async () => {
    const image = await ensureTestImage('busybox');
    directory = await mkdtemp(path.join(os.tmpdir(), 'aistack-logs-'));
    const file = path.join(directory, 'compose.yaml');
    const service = (name: string, stderr: boolean) => ({
      image,
      command: [
        'sh',
        '-c',
        `echo ${name} first${stderr ? ' >&2' : ''}; sleep 1; echo ${name} ERROR second; i=0; while true; do i=$$((i+1)); ` +
          `echo ${name} tick $$i; sleep 0.3; done`,
      ],
      stop_grace_period: '1s',
    });
    await writeFile(
      file,
      stringify(
        { services: { api: service('api', false), worker: service('worker', true), late: service('late', false) } },
        { version: '1.1' },
      ),
    );
    const compose = await createComposeProject({ name: project, files: [file], projectDirectory: directory });
    await compose.up(['api', 'worker']);
    await new Promise((resolve) => setTimeout(resolve, 1800));
  });
  afterAll(async () => {
    await removeProject(project);
    await rm(directory, { recursive: true, force: true });
  });

  it('merges services in time order with a prefix, reads stderr too, and filters with --grep', async () => {
    let text = '';
    await streamLogs(engine, project, { services: [], follow: false, timestamps: false, color: false }, (chunk) => (text += chunk));
    const lines = text.split('\n');
    expect(lines).toContain('api    | api first');
    expect(lines).toContain('worker | worker first');
    expect(lines.indexOf('api    | api first')).toBeLessThan(lines.indexOf('api    | api ERROR second'));
    let errors = '';
    await streamLogs(
      engine,
      project,
      { services: ['worker', 'api'], follow: false, timestamps: false, color: false, grep: /error/i },
      (chunk) => (errors += chunk),
    );
    expect(errors.split('\n').filter(Boolean).sort()).toEqual(['api    | api ERROR second', 'worker | worker ERROR second']);
  });

  it('follows new lines until stopped', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const following = streamLogs(
      engine,
      project,
      { services: ['api'], follow: true, since: Math.floor(Date.now() / 1000), timestamps: false, color: false },
      (chunk) => {
        seen.push(...chunk.split('\n').filter(Boolean));
        if (seen.length >= 3) controller.abort();
      },
      controller.signal,
    );
    await following;
    expect(seen.slice(0, 3).every((line) => /^api \| api tick \d+$/.test(line))).toBe(true);
  });

  it('keeps following across a restart and picks up a service that starts later', async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    const following = streamLogs(
      engine,
      project,
      { services: [], follow: true, tail: 0, timestamps: false, color: false },
      (chunk) => {
        seen.push(...chunk.split('\n').filter(Boolean));
      },
      controller.signal,
    );
    const compose = await createComposeProject({
      name: project,
      files: [path.join(directory, 'compose.yaml')],
      projectDirectory: directory,
    });
    // A container started after `logs -f` began, and one restarted (its stream ends at the stop).
    await compose.up(['late']);
    await compose.restart(['worker']);
    const until = Date.now() + 20_000;
    while (Date.now() < until && !(seen.includes('late   | late first') && seen.includes('worker | worker first')))
      await new Promise((resolve) => setTimeout(resolve, 200));
    controller.abort();
    await following;
    expect(seen, seen.join('\n')).toContain('late   | late first');
    // The restarted worker's first line again, once: its new run, not the old lines twice.
    expect(seen.filter((line) => line === 'worker | worker first')).toHaveLength(1);
    expect(seen.some((line) => /^api {4}\| api tick \d+$/.test(line))).toBe(true);
  }, 40_000);

  it('names a service that has no container', async () => {
    await expect(
      streamLogs(engine, project, { services: ['ghost'], follow: false, timestamps: false, color: false }, () => {}),
    ).rejects.toThrow(`no container for ghost in stack ${project}`);
  });
});
