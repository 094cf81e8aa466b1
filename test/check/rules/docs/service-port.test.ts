import { docsServicePort } from '../../../../src/check/rules/docs/service-port.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsServicePort, {
  valid: [
    {
      name: 'a Port column with the host port',
      compose:
        'services:\n  webui:\n    image: example/webui:1\n    ports:\n      - "3000:8080"\n  ollama:\n    image: ' +
        'ollama/ollama:0.32.15\n    expose: ["11434"]\n  db:\n    image: postgres:16.4\n',
      docs: '| Service | Port |\n|---|---|\n| webui | 3000 |\n',
    },
    {
      name: 'an Internal Port column with the container port, a bold name',
      compose:
        'services:\n  webui:\n    image: example/webui:1\n    ports:\n      - "3000:8080"\n  ollama:\n    image: ' +
        'ollama/ollama:0.32.15\n    expose: ["11434"]\n  db:\n    image: postgres:16.4\n',
      docs: '| Service | Internal Port |\n|---|---|\n| **webui** | 8080 |\n| `ollama` | 11434 |\n',
    },
    {
      name: 'a sentence naming one service and its port',
      compose:
        'services:\n  webui:\n    image: example/webui:1\n    ports:\n      - "3000:8080"\n  ollama:\n    image: ' +
        'ollama/ollama:0.32.15\n    expose: ["11434"]\n  db:\n    image: postgres:16.4\n',
      docs: 'The `ollama` service listens on port 11434.\n',
    },
    {
      name: 'a service without ports or expose is not judged',
      compose:
        'services:\n  webui:\n    image: example/webui:1\n    ports:\n      - "3000:8080"\n  ollama:\n    image: ' +
        'ollama/ollama:0.32.15\n    expose: ["11434"]\n  db:\n    image: postgres:16.4\n',
      docs: '| Service | Internal Port |\n|---|---|\n| db | 5432 |\n',
    },
    {
      name: 'a sentence naming two services is ambiguous',
      compose:
        'services:\n  webui:\n    image: example/webui:1\n    ports:\n      - "3000:8080"\n  ollama:\n    image: ' +
        'ollama/ollama:0.32.15\n    expose: ["11434"]\n  db:\n    image: postgres:16.4\n',
      docs: '`webui` talks to `ollama` on port 11434.\n',
    },
  ],
  invalid: [
    {
      name: 'a port that belongs to another service',
      compose:
        'services:\n  webui:\n    image: example/webui:1\n    ports:\n      - "3000:8080"\n  ollama:\n    image: ' +
        'ollama/ollama:0.32.15\n    expose: ["11434"]\n  db:\n    image: postgres:16.4\n',
      docs: '| Service | Port |\n|---|---|\n| webui | 11434 |\n',
      errors: [
        {
          messageId: 'wrong',
          data: { service: 'webui', port: 11434, ports: '3000:8080' },
          file: 'README.md',
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'the host port in a Container port column',
      compose:
        'services:\n  webui:\n    image: example/webui:1\n    ports:\n      - "3000:8080"\n  ollama:\n    image: ' +
        'ollama/ollama:0.32.15\n    expose: ["11434"]\n  db:\n    image: postgres:16.4\n',
      docs: '| Container | Container port |\n|---|---|\n| webui | 3000 |\n',
      errors: [
        {
          messageId: 'wrong',
          data: { service: 'webui', port: 3000, ports: '3000:8080' },
          file: 'README.md',
          line: 3,
          column: 11,
          endLine: 3,
          endColumn: 15,
        },
      ],
    },
    {
      name: 'a sentence with a bold name and a wrong port',
      compose:
        'services:\n  webui:\n    image: example/webui:1\n    ports:\n      - "3000:8080"\n  ollama:\n    image: ' +
        'ollama/ollama:0.32.15\n    expose: ["11434"]\n  db:\n    image: postgres:16.4\n',
      docs: 'Open **webui** on port 11434 in your browser.\n',
      errors: [
        {
          messageId: 'wrong',
          data: { service: 'webui', port: 11434, ports: '3000:8080' },
          file: 'README.md',
          line: 1,
          column: 24,
          endLine: 1,
          endColumn: 29,
        },
      ],
    },
    {
      name: 'the container port in a Host port column',
      compose:
        'services:\n  webui:\n    image: example/webui:1\n    ports:\n      - "3000:8080"\n  ollama:\n    image: ' +
        'ollama/ollama:0.32.15\n    expose: ["11434"]\n  db:\n    image: postgres:16.4\n',
      docs: '| Host port | Service |\n|---|---|\n| 8080 | webui |\n',
      errors: [
        {
          messageId: 'wrong',
          data: { service: 'webui', port: 8080, ports: '3000:8080' },
          file: 'README.md',
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 7,
        },
      ],
    },
  ],
});
