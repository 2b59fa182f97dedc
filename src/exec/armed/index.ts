// Armed orders, the exec side: the engine the desk wires in (createArmedEngine), its API types, the
// journal records of an order, and a gate from plain facts for callers without the desk's store.
export { createArmedEngine } from './engine.js';
export { createPlainGate, type PlainGateFacts } from './plain-gate.js';
export { journaledOrders, specOf, actionOfKind } from './records.js';
export { acceptIntent, bidIntent, claimIntent, type BuiltIntent, type FireContext } from './intents.js';
export * from './types.js';
