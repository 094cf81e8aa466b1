import { securitySocketProxy } from '../../../../src/check/rules/security/socket-proxy.js';
import { testRule } from '../../support/rule-tester.js';

testRule(securitySocketProxy, {
  valid: [],
  invalid: [],
});
