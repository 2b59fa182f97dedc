// Public surface of the Execution Market client: the signed HTTP edge, every flow, the reader for pollers,
// the live feed with its polling fallback, derived actions, tickets and the intent params.
export { createEmClient, emHttpError, retryAfterMsOf, type CreateEmClientOptions, type EmClient, type EmRequest, type EmResponse, type EmSigner } from './client.js';
export { EmError, hasCode, isAmbiguous } from './errors.js';
export * from './actions/index.js';
export { createEmReader, type EmReader, type EmReaderOptions, type EmTaskDetail, type Fetched } from './reader.js';
export { createEmFeed, feedUrl, type EmFeed, type EmFeedEvent, type EmFeedOptions, type EmFeedState, type EmFeedStateKind } from './ws.js';
export { createEmLive, type EmLive, type EmLiveOptions } from './live.js';
export { deriveEmActions, pendingSubmission, DERIVED_ACTION_TABLE, type DeriveContext, type EmDerivedAction, type EmRole } from './derive-actions.js';
export { EM_STATUS_MAP, emPhase, enrichTask, toEmTask, type EmApplication, type EmPayment, type EmPaymentEvent, type EmSubmission, type EmVerdict, type NormalizeContext } from './normalize.js';
export { validatePublish, validateEvidence, type PublishInput, type FieldErrors } from './validate.js';
export { readEmParams, EM_PARAM_SCHEMAS, type EmParams } from './params.js';
export { emTicketSpecFor, EM_TICKETS, evidenceSkeleton, type EmTicketSpec, type EmTicketContext, type EmTicketExtras } from './tickets/index.js';
export * from './constants.js';
