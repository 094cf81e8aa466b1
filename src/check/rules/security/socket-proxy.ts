import { defineRule } from '../../define-rule.js';
import type { ServiceModel } from '../../model/compose-model.js';
import { isRecord } from '../../model/compose-model.js';
import { catalogIdOf, environmentOf, imageOf, isRepository } from '../../model/service-facts.js';

/** Proxies that grant Docker API sections by environment variable (`CONTAINERS=1`). */
const SECTION_PROXIES = ['tecnativa/docker-socket-proxy', 'linuxserver/socket-proxy'];
/** Sections that amount to root on the host: run commands in containers, create anything, build, read secrets. */
const ROOT_SECTIONS = ['EXEC', 'POST', 'BUILD', 'SECRETS'];

function isGranted(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes)$/i.test(value.trim());
}

/** The networks a service is attached to (`default` when it names none). */
function networksOf(service: ServiceModel): string[] {
  if (service.value.network_mode !== undefined) return [];
  const networks = service.value.networks;
  if (Array.isArray(networks)) return networks.map(String);
  if (isRecord(networks)) return Object.keys(networks);
  return ['default'];
}

export const securitySocketProxy = defineRule({
  id: 'security/socket-proxy',
  severity: 'error',
  description: 'Disallow Docker socket proxies that let through exec, writes, builds or secrets, or container reads on a shared network',
  messages: {
    rootSection: '{{service}} lets the Docker API section {{section}} through; whoever reaches the proxy is root on the host',
    allowWrites: '{{service}} allows {{flag}}; whoever reaches the proxy can create and start containers (root on the host)',
    sharedContainers:
      '{{service}} allows CONTAINERS (every GET under /containers, including /containers/{id}/archive, which returns files ' +
      'such as /run/secrets/*) on network {{network}}, which {{count}} other services share ({{others}}); put the proxy on ' +
      'a network of its own with its one client',
  },
  check(context) {
    const { compose } = context;
    // Who is on which network: gathered once, and only when there is a socket proxy to ask about.
    let networkMembers: Map<string, string[]> | undefined;
    const membersOf = (network: string): string[] => {
      if (!networkMembers) {
        networkMembers = new Map<string, string[]>();
        for (const service of compose.services)
          for (const name of networksOf(service)) {
            const list = networkMembers.get(name);
            if (list) list.push(service.name);
            else networkMembers.set(name, [service.name]);
          }
      }
      return networkMembers.get(network) ?? [];
    };
    for (const service of compose.services) {
      const image = imageOf(service);
      const catalogId = catalogIdOf(service);
      const aistackProxy =
        catalogId !== undefined && (context.catalog.hostMounts?.get(catalogId) ?? []).some((source) => source.endsWith('docker.sock'));
      const sectionProxy = SECTION_PROXIES.some((proxy) => isRepository(image, proxy));
      if (sectionProxy || aistackProxy) {
        const variables = new Map(environmentOf(compose, service).map((variable) => [variable.name, variable]));
        for (const section of ROOT_SECTIONS) {
          const variable = variables.get(section);
          if (!variable || !isGranted(variable.value)) continue;
          context.report({ messageId: 'rootSection', data: { service: service.name, section }, range: compose.rangeOf(variable.path) });
        }
        const containers = variables.get('CONTAINERS');
        if (containers && isGranted(containers.value)) {
          for (const network of networksOf(service)) {
            const others = membersOf(network).filter((name) => name !== service.name);
            if (others.length <= 1) continue;
            context.report({
              messageId: 'sharedContainers',
              data: {
                service: service.name,
                network,
                count: others.length,
                others: others.slice(0, 5).join(', ') + (others.length > 5 ? ', …' : ''),
              },
              range: compose.rangeOf(containers.path),
              severity: 'warning',
            });
            break;
          }
        }
      }
      if (isRepository(image, 'wollomatic/socket-proxy')) {
        const command = service.value.command;
        const args = Array.isArray(command) ? command.map(String) : typeof command === 'string' ? command.split(/\s+/) : [];
        args.forEach((arg, index) => {
          const flag = /^-{1,2}(allow(?:POST|PUT|DELETE|PATCH))\b/.exec(arg)?.[1];
          if (flag === undefined) return;
          const path = Array.isArray(command) ? ['services', service.name, 'command', index] : ['services', service.name, 'command'];
          context.report({ messageId: 'allowWrites', data: { service: service.name, flag }, range: compose.rangeOf(path) });
        });
      }
    }
  },
});
