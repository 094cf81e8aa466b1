import { composeMissingFile } from '../../../../src/check/rules/compose/missing-file.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeMissingFile, {
  valid: [],
  invalid: [],
});
