import { describe, expect, it } from 'vitest';
import { resolveProjectPaths } from '../../src/project/paths.js';
import { resolveServeSettings } from '../../src/server/serve-settings.js';

const paths = resolveProjectPaths('/srv/stack');

describe('resolveServeSettings', () => {
  it('defaults to loopback:8090 and the project secret files', () => {
    expect(resolveServeSettings({}, {}, paths)).toEqual({
      port: 8090,
      host: '127.0.0.1',
      passwordFile: '/srv/stack/.aistack/secrets/monitor-admin-password',
      viewerPasswordFile: { file: '/srv/stack/.aistack/secrets/monitor-viewer-password', required: false },
      metricsTokenFile: { file: '/srv/stack/.aistack/secrets/monitor-metrics-token', required: false },
      dataDirectory: '/srv/stack/.aistack',
      monitorDatabase: '/srv/stack/.aistack/monitor.db',
      trustProxy: false,
      secureCookies: true,
      console: { enabled: true, reason: 'on 127.0.0.1 only' },
    });
  });

  it('takes the container environment the catalog sets', () => {
    const settings = resolveServeSettings(
      {},
      {
        AISTACK_PORT: '8090',
        AISTACK_HOST: '0.0.0.0',
        AISTACK_ADMIN_PASSWORD_FILE: '/run/secrets/monitor-admin-password',
        AISTACK_METRICS_TOKEN_FILE: '/run/secrets/monitor-metrics-token',
        AISTACK_DATA_DIRECTORY: '/var/lib/aistack',
        AISTACK_TRUST_PROXY: '172.16.0.0/12, 10.0.0.0/8',
      },
      paths,
    );
    expect(settings).toMatchObject({
      host: '0.0.0.0',
      passwordFile: '/run/secrets/monitor-admin-password',
      metricsTokenFile: { file: '/run/secrets/monitor-metrics-token', required: true },
      monitorDatabase: '/var/lib/aistack/monitor.db',
      trustProxy: ['172.16.0.0/12', '10.0.0.0/8'],
    });
  });

  it('takes the viewer password file from the flag, then AISTACK_VIEWER_PASSWORD_FILE', () => {
    expect(
      resolveServeSettings({ viewerPasswordFile: '/etc/viewer' }, { AISTACK_VIEWER_PASSWORD_FILE: '/run/v' }, paths).viewerPasswordFile,
    ).toEqual({
      file: '/etc/viewer',
      required: true,
    });
    expect(resolveServeSettings({}, { AISTACK_VIEWER_PASSWORD_FILE: '/run/v' }, paths).viewerPasswordFile).toEqual({
      file: '/run/v',
      required: true,
    });
  });

  it('lets flags win over the environment', () => {
    const settings = resolveServeSettings(
      { port: '9000', host: '::1', insecureCookies: true },
      { AISTACK_PORT: '8090', AISTACK_HOST: '0.0.0.0' },
      paths,
    );
    expect(settings).toMatchObject({ port: 9000, host: '::1', secureCookies: false });
  });

  it('refuses a port that is not a TCP port', () => {
    expect(() => resolveServeSettings({ port: '70000' }, {}, paths)).toThrow('--port must be a TCP port (0-65535), not "70000"');
  });
});

describe('listenServer', () => {
  it('says which address is in use', async () => {
    const { createFixture } = await import('./support/server-fixture.js');
    const { listenServer } = await import('../../src/server/listen.js');
    const first = await createFixture();
    const second = await createFixture();
    try {
      const address = await listenServer(first.app, '127.0.0.1', 0);
      const port = Number(new URL(address).port);
      await expect(listenServer(second.app, '127.0.0.1', port)).rejects.toMatchObject({
        code: 'AIS_SERVER_LISTEN',
        message: `cannot listen on 127.0.0.1:${port}: the port is in use`,
      });
    } finally {
      await first.close();
      await second.close();
    }
  });
});
