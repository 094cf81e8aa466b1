import { describe, expect, it } from 'vitest';
import { resolveDirectPorts } from '../../../src/stack/resolve/direct-ports.js';
import { contextOf, thrown } from './support/context.js';

describe('resolveDirectPorts', () => {
  it('gives the port asked for, and none to services that do not ask', () => {
    const ports = resolveDirectPorts(contextOf({ services: { qdrant: { directPort: 16333 }, n8n: {} } }), new Set(['qdrant', 'n8n']));
    expect([...ports]).toEqual([['qdrant', 16333]]);
  });

  it('takes a port from the plan for `directPort: true`', () => {
    const ports = resolveDirectPorts(contextOf({ services: { qdrant: { directPort: true } } }), new Set(['qdrant']));
    expect(ports.get('qdrant')).toBeTypeOf('number');
  });

  it('rejects a custom direct port without a container port', () => {
    expect(thrown(() => resolveDirectPorts(contextOf({ custom: { app: { image: 'a:1', directPort: true } } }), new Set()))).toMatchObject({
      code: 'AIS_STACK_NO_PORT',
      file: 'aistack.yaml:custom.app.directPort',
    });
  });

  it('rejects a direct port the proxy publishes on', () => {
    const context = contextOf({ services: { qdrant: { directPort: 8443 } }, proxy: { httpsPort: 8443 } });
    expect(thrown(() => resolveDirectPorts(context, new Set(['qdrant'])))).toEqual({
      code: 'AIS_STACK_PORT_CONFLICT',
      message: 'direct port 8443 of "qdrant" is already taken by the proxy (HTTPS)',
      file: 'aistack.yaml:services.qdrant.directPort',
    });
  });

  it('rejects the same port for HTTP and HTTPS', () => {
    expect(thrown(() => resolveDirectPorts(contextOf({ proxy: { httpPort: 8080, httpsPort: 8080 } }), new Set()))).toMatchObject({
      code: 'AIS_STACK_PORT_CONFLICT',
      file: 'aistack.yaml:proxy.httpsPort',
    });
  });
});
