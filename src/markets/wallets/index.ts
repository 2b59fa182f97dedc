// Public surface of the wallet readers (v3 keystores, and a signer per fleet agent).
export { v3KeystoreSchema, type V3Keystore, type V3Kdf, type ScryptParams, type Pbkdf2Params } from './v3-schema.js';
export { KDF_LIMITS, kdfRefusal } from './kdf.js';
export { checkV3Password, decryptV3 } from './v3-decrypt.js';
export { readPassword, type PasswordSource } from './password.js';
export { loadV3Keystore, parseV3Keystore, withV3Signer, v3Signer, type WalletSigner, type V3KeystoreFile, type V3SignerOptions } from './v3-signer.js';
export { agentUnlock, checkAgentPassword, openAgentSigner, TASKMARKET_KEYSTORE, type AgentWalletRef, type AgentSigner, type OpenAgentSignerOptions } from './agent-signer.js';
