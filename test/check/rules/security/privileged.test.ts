import { securityPrivileged } from '../../../../src/check/rules/security/privileged.js';
import { testRule } from '../../support/rule-tester.js';

testRule(securityPrivileged, {
  valid: [
    { name: 'privileged: false', compose: 'services:\n  a:\n    image: nginx:1.27\n    privileged: false\n' },
    { name: 'a device without privileged', compose: 'services:\n  a:\n    image: nginx:1.27\n    devices: [/dev/dri:/dev/dri]\n' },
    { name: 'a label that says privileged', compose: 'services:\n  a:\n    image: nginx:1.27\n    labels:\n      privileged: "true"\n' },
    {
      name: 'not privileged',
      compose: 'services:\n  web:\n    image: nginx:1.27\n',
    },
  ],
  invalid: [
    {
      name: 'privileged from a merge key, reported where the anchor sets it',
      compose: 'x-p: &p\n  privileged: true\nservices:\n  a:\n    image: nginx:1.27\n    <<: *p\n',
      errors: [{ messageId: 'privileged', data: { service: 'a' }, line: 2, column: 3, endLine: 2, endColumn: 13 }],
    },
    {
      name: 'privileged from an override file, reported in that file',
      compose: 'services:\n  a:\n    image: example/a:1.0\n',
      files: { 'o.yaml': 'services:\n  a:\n    privileged: true\n' },
      overrides: ['o.yaml'],
      errors: [{ messageId: 'privileged', data: { service: 'a' }, file: 'o.yaml', line: 3, column: 5, endLine: 3, endColumn: 15 }],
    },
    {
      name: 'the string "true"',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    privileged: "true"\n',
      errors: [{ messageId: 'privileged', data: { service: 'a' }, line: 4, column: 5, endLine: 4, endColumn: 15 }],
    },
    {
      name: 'two services',
      compose: 'services:\n  a:\n    image: nginx:1.27\n    privileged: true\n  b:\n    image: nginx:1.27\n    privileged: true\n',
      errors: [
        { messageId: 'privileged', data: { service: 'a' }, line: 4, column: 5, endLine: 4, endColumn: 15 },
        { messageId: 'privileged', data: { service: 'b' }, line: 7, column: 5, endLine: 7, endColumn: 15 },
      ],
    },
    {
      name: 'privileged: true',
      compose: 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n',
      errors: [
        {
          messageId: 'privileged',
          data: {
            service: 'web',
          },
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 15,
        },
      ],
    },
  ],
});
