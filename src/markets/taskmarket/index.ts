// Public surface of the Taskmarket client (what store/, exec/ and tests import).
export { createTaskmarketClient, checkHttpUrl, parseRetryAfter, IDEMPOTENCY_HEADER, CALLER_ADDRESS_HEADER, CALLER_SIGNATURE_HEADER } from './client.js';
export type { TaskmarketClient, CreateTaskmarketClientOptions, RawResponse, RequestOptions } from './client.js';
export { createTaskmarketReader, type TaskmarketReader } from './reader.js';
export { createTaskmarketWriter, type TaskmarketWriter, type CreateTaskmarketWriterOptions } from './writer.js';
export { privateKeySigner, type TaskmarketSigner, type DeviceCredentials } from './signer.js';
export { loadKeystore, withSigner, keystoreSigner, encryptKeystore, encryptPrivateKey, defaultKeystorePath, keystoreSchema, type Keystore } from './keystore.js';
export { paidPost, checkChallenge, PAYMENT_SIGNATURE_HEADER, TRANSFER_WITH_AUTHORIZATION_TYPES, type PaidPostParameters, type PaidPostResult } from './x402.js';
export { checkNetwork, BASE_MAINNET, BASE_SEPOLIA, SIM_NETWORK, type ExpectedNetwork } from './network.js';
export { parseCommand, type ParsedCommand, type FlagValue, type GrammarResult, type ParseCommandOptions } from './command-grammar.js';
export { SUBCOMMAND_OF_ACTION, FLAG_SPECS, type Subcommand } from './command-specs.js';
export { parseWire } from './parse.js';
export { STANDARD_ACTION_FEE } from './actions/write-common.js';
export { updatePrice } from './actions/update.js';
export { getIdentityStatus } from './actions/identity-status.js';
export { getXmtpStatus } from './actions/xmtp-status.js';
export { resolveApiUrl, expectedNetworkFor, isLoopbackUrl, PRODUCTION_API_URL } from './env.js';
export { getEmail } from './actions/get-email.js';
export { nativeCallFor, runNativeCall, type NativeCall, type NativeCallResult, type CommandInputs } from './command-call.js';
