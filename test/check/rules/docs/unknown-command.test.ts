import { docsUnknownCommand } from '../../../../src/check/rules/docs/unknown-command.js';
import { testRule } from '../../support/rule-tester.js';

testRule(docsUnknownCommand, {
  valid: [],
  invalid: [],
});
