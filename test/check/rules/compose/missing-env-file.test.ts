import { composeMissingEnvFile } from '../../../../src/check/rules/compose/missing-env-file.js';
import { testRule } from '../../support/rule-tester.js';

testRule(composeMissingEnvFile, {
  valid: [],
  invalid: [],
});
