import { docsServicePort } from '../../../../src/check/rules/docs/service-port.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsServicePort, {
  valid: [],
  invalid: [],
});
