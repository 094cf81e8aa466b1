import { COMPOSES, describeCliLifecycle } from './cli-lifecycle.js';

describeCliLifecycle(COMPOSES.v1);
