import { secretsUrlCredentials } from '../../../../src/check/rules/secrets/url-credentials.js';
import { testRule } from '../../support/rule-tester.js';

testRule(secretsUrlCredentials, {
  valid: [],
  invalid: [],
});
