import { defineRule } from '../../define-rule.js';
import { isRecord } from '../../model/compose-model.js';
import { catalogIdOf, imageOf, isRepository } from '../../model/service-facts.js';

const SOCKETS = new Set(['/var/run/docker.sock', '/run/docker.sock']);
/** Socket proxies exist to hold the socket; what they let through is security/socket-proxy's business. */
const SOCKET_PROXIES = ['tecnativa/docker-socket-proxy', 'linuxserver/socket-proxy', 'wollomatic/socket-proxy'];

export const securityDockerSocket = defineRule({
  id: 'security/docker-socket',
  severity: 'error',
  description: 'Disallow giving a container the Docker socket, read-only or not',
  messages: {
    socket: '{{service}} mounts the Docker socket; that is root on the host, even read-only',
    apiSocket: '{{service}} sets use_api_socket, which gives it the Docker API (root on the host)',
  },
  check(context) {
    for (const service of context.compose.services) {
      const image = imageOf(service);
      if (SOCKET_PROXIES.some((proxy) => isRepository(image, proxy))) continue;
      // aistack's own services by identity: the catalog entry says which host paths it may mount.
      const catalogId = catalogIdOf(service);
      const allowed = catalogId === undefined ? [] : (context.catalog.hostMounts?.get(catalogId) ?? []);
      const volumes = service.value.volumes;
      if (Array.isArray(volumes)) {
        volumes.forEach((volume: unknown, index) => {
          const source = typeof volume === 'string' ? volume.split(':')[0] : isRecord(volume) ? volume.source : undefined;
          if (typeof source === 'string' && SOCKETS.has(source.replace(/\/+$/, '')) && !allowed.includes(source.replace(/\/+$/, ''))) {
            context.report({
              messageId: 'socket',
              data: { service: service.name },
              range: context.compose.rangeOf(['services', service.name, 'volumes', index]),
            });
          }
        });
      }
      if (service.value.use_api_socket === true) {
        context.report({
          messageId: 'apiSocket',
          data: { service: service.name },
          range: context.compose.keyRangeOf(['services', service.name, 'use_api_socket']),
        });
      }
    }
  },
});
