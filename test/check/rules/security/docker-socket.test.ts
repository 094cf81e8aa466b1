import { securityDockerSocket } from '../../../../src/check/rules/security/docker-socket.js';
import { testRule } from '../../support/rule-tester.js';

testRule(securityDockerSocket, {
  valid: [
    {
      name: 'a socket proxy holds the socket',
      compose:
        'services:\n  socket-proxy:\n    image: tecnativa/docker-socket-proxy:0.3\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
    },
    {
      name: 'a socket proxy pulled through a mirror (images.registry) is still a socket proxy',
      compose:
        'services:\n  socket-proxy:\n    image: registry.internal:5000/mirror/tecnativa/docker-socket-proxy:v0.4.1\n    ' +
        'volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
    },
    {
      name: "aistack's own socket proxy, known by its catalog label whatever its image",
      compose:
        'services:\n  docker-socket-proxy:\n    image: local/any-name:1\n    volumes:\n      - ' +
        '/var/run/docker.sock:/var/run/docker.sock:ro\n    labels:\n      ai.aistack.stack: ai\n      ai.aistack.catalog: ' +
        'docker-socket-proxy\n',
      hostMounts: { 'docker-socket-proxy': ['/var/run/docker.sock'] },
    },
    {
      name: 'the long volume syntax with another host path',
      compose:
        'services:\n  app:\n    image: app:1\n    volumes:\n      - type: bind\n        source: /var/run/docker\n        target: /x\n',
    },
    {
      name: 'use_api_socket: false',
      compose: 'services:\n  builder:\n    image: docker:27-cli\n    use_api_socket: false\n',
    },
  ],
  invalid: [
    {
      name: 'a catalog label without the stack label is not aistack’s',
      compose:
        'services:\n  spoof:\n    image: local/any-name:1\n    volumes:\n      - ' +
        '/var/run/docker.sock:/var/run/docker.sock\n    labels:\n      ai.aistack.catalog: docker-socket-proxy\n',
      hostMounts: { 'docker-socket-proxy': ['/var/run/docker.sock'] },
      errors: [{ messageId: 'socket', data: { service: 'spoof' }, line: 5, column: 9 }],
    },
    {
      name: 'an aistack service whose catalog entry may not mount the socket',
      compose:
        'services:\n  n8n:\n    image: n8nio/n8n:2.40.1\n    volumes:\n      - /run/docker.sock:/var/run/docker.sock\n    ' +
        'labels:\n      ai.aistack.stack: ai\n      ai.aistack.catalog: n8n\n',
      hostMounts: { 'docker-socket-proxy': ['/var/run/docker.sock'] },
      errors: [{ messageId: 'socket', data: { service: 'n8n' }, line: 5, column: 9 }],
    },
    {
      name: 'the long syntax with a trailing slash',
      compose:
        'services:\n  app:\n    image: app:1\n    volumes:\n      - type: bind\n        source: /var/run/docker.sock/\n        target: /var/run/docker.sock\n',
      errors: [{ messageId: 'socket', data: { service: 'app' }, line: 5, column: 9 }],
    },
    {
      name: 'read-only socket and use_api_socket',
      compose:
        'services:\n  watcher:\n    image: ghcr.io/example/watcher:1.0\n    volumes:\n      - ' +
        '/var/run/docker.sock:/var/run/docker.sock:ro\n  builder:\n    image: docker:27-cli\n    use_api_socket: true\n',
      errors: [
        {
          messageId: 'socket',
          data: {
            service: 'watcher',
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 53,
        },
        {
          messageId: 'apiSocket',
          data: {
            service: 'builder',
          },
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 19,
        },
      ],
    },
  ],
});
