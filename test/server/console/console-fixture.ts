import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openAuditStore } from '../../../src/monitor/audit-store.js';
import type { AuditStore } from '../../../src/monitor/audit-store.js';
import { createSessionStore } from '../../../src/server/auth/session-store.js';
import type { SessionStore } from '../../../src/server/auth/session-store.js';
import { createConsoleService } from '../../../src/server/console/console-service.js';
import type { ConsoleService } from '../../../src/server/console/console-service.js';
import type { ConsoleDeployer } from '../../../src/server/console/deployer.js';
import type { Preflight } from '../../../src/runtime/preflight.js';
import { createFixture, HOST } from '../support/server-fixture.js';
import type { Fixture, LoggedIn } from '../support/server-fixture.js';

export const MANIFEST = [
  '# the test stack',
  'name: aiscon-unit',
  'domain: ai.localhost',
  '',
  'monitor: { enabled: false } # no in-stack monitor',
  'custom:',
  '  app:',
  '    # a busybox stand-in',
  '    image: example.test/app:1',
  '    command: [sleep, "1000"]',
  '',
].join('\n');

export interface ConsoleFixture extends Fixture {
  readonly project: string;
  readonly service: ConsoleService;
  readonly audit: AuditStore;
  readonly sessions: SessionStore;
  readonly deployed: string[];
}

/** The server with the console on a temporary project; the deploy is a stand-in that records what it was given. */
export async function createConsoleFixture(
  options: { beforeReady?: (app: FastifyInstance) => void; preflight?: Preflight } = {},
): Promise<ConsoleFixture> {
  const project = await mkdtemp(path.join(os.tmpdir(), 'aiscon-project-'));
  await writeFile(path.join(project, 'aistack.yaml'), MANIFEST);
  const audit = openAuditStore(path.join(project, '.aistack', 'monitor.db'));
  const deployed: string[] = [];
  const deployer: ConsoleDeployer = {
    deploy: async (loaded, user) => {
      deployed.push(`${user}: ${loaded.stack.name}`);
      return { revision: 1, status: 'healthy' };
    },
    rotate: async () => {
      throw new Error('not in these tests');
    },
  };
  const service = createConsoleService({
    directory: project,
    audit,
    deployer,
    preflight: options.preflight ?? {
      prepare: async () => ({ warnings: [], certificateChanged: false }),
      check: async () => [],
      reloadProxy: async () => [],
    },
  });
  const sessions = createSessionStore();
  const fixture = await createFixture({
    server: { console: service, secureCookies: false },
    ...(options.beforeReady ? { beforeReady: options.beforeReady } : {}),
    sessions,
  });
  return {
    ...fixture,
    project,
    service,
    audit,
    sessions,
    deployed,
    async close() {
      await fixture.close();
      audit.close();
      await rm(project, { recursive: true, force: true });
    },
  };
}

/** Headers of a same-origin request with the session (and, unless told otherwise, the CSRF token). */
export function headers(session: LoggedIn, extra: Record<string, string> = {}, csrf = true): Record<string, string> {
  return {
    host: HOST,
    origin: `https://${HOST}`,
    cookie: session.cookie,
    ...(csrf ? { 'x-csrf-token': session.csrfToken } : {}),
    ...extra,
  };
}
