import { portsAllInterfaces } from '../../../../src/check/rules/ports/all-interfaces.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsAllInterfaces, {
  valid: [
    {
      name: 'Ollama on loopback',
      compose: 'services:\n  ollama:\n    image: ollama/ollama:0.32.15\n    ports:\n      - "127.0.0.1:11434:11434"\n',
    },
    {
      name: 'Grafana on a specific LAN address',
      compose: 'services:\n  grafana:\n    image: grafana/grafana:11.2.0\n    ports:\n      - "192.168.1.5:3000:3000"\n',
    },
    {
      name: 'an app with its own login on every interface',
      compose: 'services:\n  n8n:\n    image: n8nio/n8n:2.40.1\n    ports:\n      - "5678:5678"\n',
    },
    {
      name: 'Adminer only exposed to other containers',
      compose: 'services:\n  adminer:\n    image: adminer:6.0.1\n    expose: ["8080"]\n',
    },
    {
      name: 'bound to loopback',
      compose: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
    },
  ],
  invalid: [
    {
      name: 'Ollama on every interface',
      compose: 'services:\n  ollama:\n    image: ollama/ollama:0.32.15\n    ports:\n      - "11434:11434"\n',
      errors: [
        {
          messageId: 'allInterfaces',
          data: { service: 'ollama', image: 'ollama/ollama', port: 11434 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'any image serving the Ollama port',
      compose: 'services:\n  llm:\n    image: example/ollama-gpu:1\n    ports:\n      - "0.0.0.0:8434:11434"\n',
      errors: [
        {
          messageId: 'allInterfaces',
          data: { service: 'llm', image: 'example/ollama-gpu', port: 8434 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 29,
        },
      ],
    },
    {
      name: 'Grafana and Dozzle',
      compose:
        'services:\n  grafana:\n    image: grafana/grafana:11.2.0\n    ports:\n      - "3000:3000"\n  logs:\n    image: ' +
        'amir20/dozzle:v8.5.0\n    ports:\n      - "8888:8080"\n',
      errors: [
        {
          messageId: 'allInterfaces',
          data: { service: 'grafana', image: 'grafana/grafana', port: 3000 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 20,
        },
        {
          messageId: 'allInterfaces',
          data: { service: 'logs', image: 'amir20/dozzle', port: 8888 },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 20,
        },
      ],
    },
    {
      name: 'Portainer through a mirror',
      compose:
        'services:\n  portainer:\n    image: registry.internal:5000/mirror/portainer/portainer-ce:2.21.0\n    ports:\n      - "9443:9443"\n',
      errors: [
        {
          messageId: 'allInterfaces',
          data: { service: 'portainer', image: 'registry.internal:5000/mirror/portainer/portainer-ce', port: 9443 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 20,
        },
      ],
    },
    {
      name: 'published on every interface, explicit or not',
      compose:
        'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n  adminer:\n    image: adminer:4\n    ' +
        'ports:\n      - "0.0.0.0:8081:8080"\n',
      errors: [
        {
          messageId: 'allInterfaces',
          data: {
            service: 'db',
            image: 'postgres',
            port: 5432,
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 20,
        },
        {
          messageId: 'allInterfaces',
          data: {
            service: 'adminer',
            image: 'adminer',
            port: 8081,
          },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 28,
        },
      ],
    },
  ],
});
