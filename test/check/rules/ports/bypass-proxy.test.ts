import { portsBypassProxy } from '../../../../src/check/rules/ports/bypass-proxy.js';
import { testRule } from '../../support/rule-tester.js';

testRule(portsBypassProxy, {
  valid: [
    {
      name: 'only the proxy publishes',
      compose: 'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  app:\n    image: ghcr.io/example/app:1.0\n',
    },
  ],
  invalid: [
    {
      name: 'the app publishes its port too',
      compose:
        'services:\n  proxy:\n    image: nginx:1.27\n    ports:\n      - "443:443"\n  app:\n    image: ghcr.io/example/app:1.0\n    ports:\n      - "3000:3000"\n',
      errors: [
        {
          messageId: 'bypass',
          data: {
            service: 'app',
            proxy: 'proxy',
            port: 3000,
          },
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 20,
        },
      ],
    },
  ],
});
