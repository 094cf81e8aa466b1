import { portsHostConflict } from '../../../../src/check/rules/ports/host-conflict.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsHostConflict, {
  valid: [
    {
      name: 'variants in different profiles share a port (cpu / gpu)',
      compose:
        'services:\n  ollama-cpu:\n    image: nginx:1.27\n    profiles: [cpu]\n    ports:\n      - "11434:11434"\n  ' +
        'ollama-gpu:\n    image: nginx:1.27\n    profiles: [gpu-nvidia]\n    ports:\n      - "11434:11434"\n',
    },
    {
      name: 'with --profile, an inactive variant is not there',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    profiles: [cpu]\n    ports:\n      - "80:80"\n  b:\n    image: ' +
        'nginx:1.27\n    profiles: [gpu]\n    ports:\n      - "80:80"\n',
      profiles: ['cpu'],
    },
    {
      name: 'an override replaces the same port entry instead of adding one',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      files: { 'o.yaml': 'services:\n  a:\n    ports:\n      - "8080:80"\n' },
      overrides: ['o.yaml'],
    },
    {
      name: 'IPv6 loopback and IPv4 wildcard are different families',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "0.0.0.0:8080:80"\n  b:\n    image: nginx:1.27\n    ports:\n      - "[::1]:8080:80"\n',
    },
    {
      name: 'adjacent ranges do not overlap',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "9000-9009:9000-9009"\n  b:\n    image: nginx:1.27\n   ' +
        ' ports:\n      - "9010-9019:9000-9009"\n',
    },
    {
      name: 'the same container port with ephemeral host ports',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "80"\n  b:\n    image: nginx:1.27\n    ports:\n      - "80"\n',
    },
    {
      name: 'different specific addresses and protocols',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n      - "53:53/udp"\n  b:\n    ' +
        'image: nginx:1.27\n    ports:\n      - "127.0.0.2:8080:80"\n      - "53:53/tcp"\n',
    },
  ],
  invalid: [
    {
      name: 'a profile variant clashes with an always-on service',
      compose:
        'services:\n  always:\n    image: nginx:1.27\n    ports:\n      - "11434:11434"\n  gpu:\n    image: nginx:1.27\n    ' +
        'profiles: [gpu]\n    ports:\n      - "11434:11434"\n',
      errors: [
        {
          messageId: 'conflict',
          data: { port: '11434/tcp', service: 'always', other: 'gpu', otherPort: '11434/tcp', otherLine: 10 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 22,
        },
        {
          messageId: 'conflict',
          data: { port: '11434/tcp', service: 'gpu', other: 'always', otherPort: '11434/tcp', otherLine: 5 },
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'two services of the same profile',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    profiles: [dev]\n    ports:\n      - "80:80"\n  b:\n    image: ' +
        'nginx:1.27\n    profiles: [dev, test]\n    ports:\n      - "80:80"\n',
      errors: [
        {
          messageId: 'conflict',
          data: { port: '80/tcp', service: 'a', other: 'b', otherPort: '80/tcp', otherLine: 11 },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 16,
        },
        {
          messageId: 'conflict',
          data: { port: '80/tcp', service: 'b', other: 'a', otherPort: '80/tcp', otherLine: 6 },
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'selecting both profiles makes them clash',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    profiles: [cpu]\n    ports:\n      - "80:80"\n  b:\n    image: ' +
        'nginx:1.27\n    profiles: [gpu]\n    ports:\n      - "80:80"\n',
      profiles: ['cpu', 'gpu'],
      errors: [
        {
          messageId: 'conflict',
          data: { port: '80/tcp', service: 'a', other: 'b', otherPort: '80/tcp', otherLine: 11 },
          line: 6,
          column: 9,
          endLine: 6,
          endColumn: 16,
        },
        {
          messageId: 'conflict',
          data: { port: '80/tcp', service: 'b', other: 'a', otherPort: '80/tcp', otherLine: 6 },
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 16,
        },
      ],
    },
    {
      name: 'a clash across files is reported in each file',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
      files: { 'o.yaml': 'services:\n  b:\n    image: nginx:1.27\n    ports:\n      - "8080:81"\n' },
      overrides: ['o.yaml'],
      errors: [
        {
          messageId: 'conflict',
          data: { port: '8080/tcp', service: 'a', other: 'b', otherPort: '8080/tcp', otherLine: 5 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 18,
        },
        {
          messageId: 'conflict',
          data: { port: '8080/tcp', service: 'b', other: 'a', otherPort: '8080/tcp', otherLine: 5 },
          file: 'o.yaml',
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'an empty host address clashes with a specific one',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n  b:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n',
      errors: [
        {
          messageId: 'conflict',
          data: { port: '8080/tcp', service: 'a', other: 'b', otherPort: '127.0.0.1:8080/tcp', otherLine: 9 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 18,
        },
        {
          messageId: 'conflict',
          data: { port: '127.0.0.1:8080/tcp', service: 'b', other: 'a', otherPort: '8080/tcp', otherLine: 5 },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 28,
        },
      ],
    },
    {
      name: ':: clashes with an IPv6 address',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "[::]:8443:443"\n  b:\n    image: nginx:1.27\n    ports:\n      - "[::1]:8443:443"\n',
      errors: [
        {
          messageId: 'conflict',
          data: { port: '[::]:8443/tcp', service: 'a', other: 'b', otherPort: '[::1]:8443/tcp', otherLine: 9 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 24,
        },
        {
          messageId: 'conflict',
          data: { port: '[::1]:8443/tcp', service: 'b', other: 'a', otherPort: '[::]:8443/tcp', otherLine: 5 },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 25,
        },
      ],
    },
    {
      name: 'udp with udp',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "53:53/udp"\n  b:\n    image: nginx:1.27\n    ports:\n      - "53:5353/udp"\n',
      errors: [
        {
          messageId: 'conflict',
          data: { port: '53/udp', service: 'a', other: 'b', otherPort: '53/udp', otherLine: 9 },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 20,
        },
        {
          messageId: 'conflict',
          data: { port: '53/udp', service: 'b', other: 'a', otherPort: '53/udp', otherLine: 5 },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 22,
        },
      ],
    },
    {
      name: 'the long syntax against the short one',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 8080\n  b:\n    image: ' +
        'nginx:1.27\n    ports:\n      - "8080:80"\n',
      errors: [
        {
          messageId: 'conflict',
          data: { port: '8080/tcp', service: 'a', other: 'b', otherPort: '8080/tcp', otherLine: 10 },
          line: 5,
          column: 9,
          endLine: 6,
          endColumn: 24,
        },
        {
          messageId: 'conflict',
          data: { port: '8080/tcp', service: 'b', other: 'a', otherPort: '8080/tcp', otherLine: 5 },
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 18,
        },
      ],
    },
    {
      name: 'a wildcard and a range overlap',
      compose:
        'services:\n  a:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n  b:\n    image: nginx:1.27\n    ' +
        'ports:\n      - "${B_PORT:-8079}-8081:80-82"\n',
      errors: [
        {
          messageId: 'conflict',
          data: {
            port: '127.0.0.1:8080/tcp',
            service: 'a',
            other: 'b',
            otherPort: '8079-8081/tcp',
            otherLine: 9,
          },
          line: 5,
          column: 9,
          endLine: 5,
          endColumn: 28,
        },
        {
          messageId: 'conflict',
          data: {
            port: '8079-8081/tcp',
            service: 'b',
            other: 'a',
            otherPort: '127.0.0.1:8080/tcp',
            otherLine: 5,
          },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 37,
        },
      ],
    },
  ],
});
