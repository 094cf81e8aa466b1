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
      name: "aistack's own socket proxy (nginx with the rendered allowlist) in an aistack project",
      compose:
        'services:\n  docker-socket-proxy:\n    image: nginx:1.29.4-alpine\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
      project: { domain: 'ai.example.test', proxyService: 'proxy', socketProxyService: 'docker-socket-proxy', routes: [], portPlan: [] },
    },
  ],
  invalid: [
    {
      name: 'read-only socket and use_api_socket',
      compose:
        'services:\n  watcher:\n    image: ghcr.io/example/watcher:1.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n  builder:\n    image: docker:27-cli\n    use_api_socket: true\n',
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
