// Armed orders, market-neutral and pure: trigger timing, the order model and its transitions, the ladder's
// next bid, the claim rule's match, and arming-time checks.
export * from './trigger.js';
export * from './order.js';
export * from './claim-rule.js';
export * from './ladder.js';
export * from './validate.js';
