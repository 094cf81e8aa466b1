import { createBashTcpTest } from './health-tests.js';
import { printLines } from './shell-quote.js';
import type { CatalogEntry } from './types.js';

/**
 * Squid configuration: requests from the stack's networks may reach the internet, never private,
 * loopback or link-local addresses (the point of Dify's SSRF proxy). Written at start because the
 * catalog mounts no files; there is nothing secret in it.
 */
export const SQUID_CONFIG: readonly string[] = [
  'acl localnet src 10.0.0.0/8 172.16.0.0/12 192.168.0.0/16 fc00::/7 fe80::/10',
  'acl private_destination dst 0.0.0.0/8 10.0.0.0/8 100.64.0.0/10 127.0.0.0/8 169.254.0.0/16 172.16.0.0/12 192.168.0.0/16 ::1 fc00::/7 fe80::/10',
  'acl SSL_ports port 443',
  'acl Safe_ports port 80 443 1025-65535',
  'acl CONNECT method CONNECT',
  'http_access deny !Safe_ports',
  'http_access deny CONNECT !SSL_ports',
  'http_access deny private_destination',
  'http_access allow localnet',
  'http_access deny all',
  'http_port 3128',
  'cache deny all',
  // Squid opens its logs after dropping to the proxy user, who cannot open the container's
  // stdout; the start script tails the access log to stdout instead (as the image's entrypoint does).
  'access_log daemon:/var/log/squid/access.log squid',
  'cache_log /var/log/squid/cache.log',
  'pid_filename none',
  'coredump_dir /var/spool/squid',
];

const startScript = `set -e; ${printLines(SQUID_CONFIG)} > /tmp/squid.conf; tail -F /var/log/squid/access.log 2>/dev/null & exec squid -f /tmp/squid.conf -NYC`;

/** Dify's SSRF proxy (upstream `ssrf_proxy`, ubuntu/squid): the only way out for the sandbox and for user-supplied URLs. */
export const difySsrfProxyEntry: CatalogEntry = {
  id: 'dify-ssrf-proxy',
  title: 'Dify SSRF proxy',
  category: 'platform',
  description: "Squid forward proxy that keeps Dify's outbound requests away from private addresses",
  homepage: 'https://docs.dify.ai/learn-more/faq/install-faq',
  image: {
    repository: 'ubuntu/squid',
    tag: '6.6-24.04_beta',
    pinDigest: 'upstream Dify uses ubuntu/squid:latest and Canonical channel tags move: pin the digest you pulled',
  },
  port: 3128,
  protocol: 'tcp',
  // Ubuntu base: bash, no curl.
  health: {
    test: createBashTcpTest(3128),
    interval: '30s',
    timeout: '5s',
    retries: 5,
    startPeriod: '20s',
    probe: { type: 'tcp' },
  },
  volumes: [],
  secrets: [],
  environment: {},
  entrypoint: ['/bin/sh', '-c', startScript],
  shell: '/bin/sh',
  requires: [],
  partOf: 'dify',
  resources: { memoryMb: 256, cpus: 0.5, pids: 256 },
  // edge for the internet, internal so the sandbox and api can reach it.
  networks: ['edge', 'internal'],
  notes: [
    'Departs from catalog-facts (ubuntu/squid:latest upstream): pinned to the channel tag 6.6-24.04_beta, which is not in catalog-facts.md; pin its digest.',
    "The squid configuration is aistack's own (denies private, loopback and link-local destinations), not upstream's " +
      'squid.conf.template; the sandbox reverse-proxy port 8194 of upstream is not used because Dify calls the sandbox directly.',
    'Code and HTTP nodes in Dify therefore cannot reach other services of the stack through the proxy.',
    "The ACLs were checked by hand with Debian's squid 5.7 (private, link-local and non-HTTPS CONNECT destinations answer " +
      '403; public names pass); no automated test, squid is not among the CI packages.',
  ],
};
