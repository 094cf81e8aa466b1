import { securitySocketProxy } from '../../../../src/check/rules/security/socket-proxy.js';
import { testRule } from '../../support/rule-tester.js';

testRule(securitySocketProxy, {
  valid: [
    {
      name: 'read-only sections, CONTAINERS on a network shared with its one client',
      compose:
        'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:v0.4.1\n    environment:\n      CONTAINERS: ' +
        '"1"\n      EVENTS: "1"\n      POST: "0"\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n    ' +
        'networks: [docker-api]\n  monitor:\n    image: example/monitor:1\n    networks: [docker-api, default]\n  web:\n    ' +
        'image: example/web:1\n  db:\n    image: example/db:1\n',
    },
    {
      name: 'a path-allowlisting proxy on its own network with its one client (no section variables)',
      compose:
        'services:\n  docker-socket-proxy:\n    image: local/aistack-socket-proxy:1\n    environment:\n      ALLOW: "GET ' +
        '/containers/json"\n    networks: [docker-api]\n    labels:\n      ai.aistack.stack: ai\n      ai.aistack.catalog: ' +
        'docker-socket-proxy\n  monitor:\n    image: example/monitor:1\n    networks: [docker-api]\n  web:\n    image: ' +
        'example/web:1\n',
      hostMounts: { 'docker-socket-proxy': ['/var/run/docker.sock'] },
    },
    {
      name: 'EXEC: "0" and POST: false grant nothing',
      compose:
        'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:v0.4.1\n    environment:\n      EXEC: "0"\n   ' +
        '   POST: "false"\n      BUILD: "0"\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n  web:\n   ' +
        ' image: example/web:1\n',
    },
    {
      name: 'wollomatic with GET allowlists only',
      compose:
        'services:\n  socket-proxy:\n    image: wollomatic/socket-proxy:1.5.0\n    command:\n      - ' +
        '-allowGET=/v1\\\\..{1,2}/(containers|events)/.*\n  web:\n    image: example/web:1\n',
    },
    {
      name: 'an image that only looks like a proxy',
      compose: 'services:\n  app:\n    image: example/docker-socket-proxy-docs:1\n    environment:\n      POST: "1"\n',
    },
  ],
  invalid: [
    {
      name: 'EXEC, POST, BUILD and SECRETS (the stack this project replaced)',
      compose:
        'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:v0.4.1\n    environment:\n      EXEC: 1\n     ' +
        ' POST: 1\n      BUILD: 1\n      SECRETS: 1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n  ' +
        'config-service:\n    image: example/config-service:1\n',
      errors: [
        { messageId: 'rootSection', data: { service: 'socket-proxy', section: 'EXEC' }, line: 5, column: 13, endLine: 5, endColumn: 14 },
        { messageId: 'rootSection', data: { service: 'socket-proxy', section: 'POST' }, line: 6, column: 13, endLine: 6, endColumn: 14 },
        { messageId: 'rootSection', data: { service: 'socket-proxy', section: 'BUILD' }, line: 7, column: 14, endLine: 7, endColumn: 15 },
        { messageId: 'rootSection', data: { service: 'socket-proxy', section: 'SECRETS' }, line: 8, column: 16, endLine: 8, endColumn: 17 },
      ],
    },
    {
      name: 'CONTAINERS=1 on the default network with every service',
      compose:
        'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:v0.4.1\n    environment:\n      CONTAINERS: ' +
        '1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n  web:\n    image: example/web:1\n  db:\n   ' +
        ' image: example/db:1\n  monitor:\n    image: example/monitor:1\n',
      errors: [
        {
          messageId: 'sharedContainers',
          data: { service: 'socket-proxy', network: 'default', count: 3, others: 'web, db, monitor' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 20,
        },
      ],
    },
    {
      name: "aistack's own proxy by its label, CONTAINERS on the shared internal network",
      compose:
        'services:\n  docker-socket-proxy:\n    image: local/socket-proxy:1\n    environment:\n      CONTAINERS: "1"\n    ' +
        'networks: [internal]\n    labels:\n      ai.aistack.stack: ai\n      ai.aistack.catalog: docker-socket-proxy\n  ' +
        'monitor:\n    image: example/monitor:1\n    networks: [internal]\n  postgres:\n    image: example/postgres:1\n    ' +
        'networks: [internal]\n',
      hostMounts: { 'docker-socket-proxy': ['/var/run/docker.sock'] },
      errors: [
        {
          messageId: 'sharedContainers',
          data: { service: 'docker-socket-proxy', network: 'internal', count: 2, others: 'monitor, postgres' },
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'the list syntax and a proxy behind a mirror',
      compose:
        'services:\n  socket-proxy:\n    image: registry.internal:5000/mirror/linuxserver/socket-proxy:1.26.2\n    environment:\n      - EXEC=1\n',
      errors: [
        { messageId: 'rootSection', data: { service: 'socket-proxy', section: 'EXEC' }, line: 5, column: 9, endLine: 5, endColumn: 15 },
      ],
    },
    {
      name: 'wollomatic allowing POST',
      compose:
        'services:\n  socket-proxy:\n    image: wollomatic/socket-proxy:1.5.0\n    command:\n      - -allowGET=/.*\n      - -allowPOST=/.*\n',
      errors: [
        { messageId: 'allowWrites', data: { service: 'socket-proxy', flag: 'allowPOST' }, line: 6, column: 9, endLine: 6, endColumn: 23 },
      ],
    },
  ],
});
