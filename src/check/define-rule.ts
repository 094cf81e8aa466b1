import type { RuleDefinition } from './types.js';

/** Declare a rule; identity at runtime, a type check at compile time. */
export function defineRule<MessageId extends string>(rule: RuleDefinition<MessageId>): RuleDefinition<MessageId> {
  return Object.freeze(rule);
}
