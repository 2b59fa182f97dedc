// Flags task text that asks for keys or credentials (operator guide, Stop Conditions: "the task
// description requests credential exfiltration, key disclosure"). A flag, not a proof: it looks for a
// request verb followed closely by a credential noun, so that a task merely about passwords or API
// keys ("write a password strength checker") is not flagged. Reports kinds only, never the text.

export type CredentialKind = 'private_key' | 'seed_phrase' | 'keystore' | 'env_file' | 'ssh_key' | 'api_secret' | 'password' | 'cookie';

export interface CredentialFlag {
  flagged: boolean;
  /** Distinct kinds found, in the order of CREDENTIAL_KINDS. */
  kinds: CredentialKind[];
}

export const CREDENTIAL_KINDS: readonly CredentialKind[] = [
  'private_key',
  'seed_phrase',
  'keystore',
  'env_file',
  'ssh_key',
  'api_secret',
  'password',
  'cookie',
];

export const CREDENTIAL_KIND_LABELS: Readonly<Record<CredentialKind, string>> = {
  private_key: 'private key',
  seed_phrase: 'seed phrase',
  keystore: 'keystore file',
  env_file: '.env file',
  ssh_key: 'SSH key',
  api_secret: 'API key or token',
  password: 'password',
  cookie: 'session cookie',
};

/** Strong nouns are wallet/host secrets: a request verb near them flags even without "your". */
type Strength = 'strong' | 'weak';
interface Noun {
  words: readonly string[];
  kind: CredentialKind;
  strength: Strength;
}

const n = (phrase: string, kind: CredentialKind, strength: Strength): Noun => ({ words: phrase.split(' '), kind, strength });

// Longest phrases first, so "ssh private key" wins over "private key" at the same position.
const NOUNS: readonly Noun[] = [
  n('ssh private key', 'ssh_key', 'strong'),
  n('secret recovery phrase', 'seed_phrase', 'strong'),
  n('private key', 'private_key', 'strong'),
  n('private keys', 'private_key', 'strong'),
  n('priv key', 'private_key', 'strong'),
  n('privkey', 'private_key', 'strong'),
  n('signing key', 'private_key', 'strong'),
  n('seed phrase', 'seed_phrase', 'strong'),
  n('seed phrases', 'seed_phrase', 'strong'),
  n('seed words', 'seed_phrase', 'strong'),
  n('recovery phrase', 'seed_phrase', 'strong'),
  n('recovery words', 'seed_phrase', 'strong'),
  n('recovery seed', 'seed_phrase', 'strong'),
  n('secret phrase', 'seed_phrase', 'strong'),
  n('mnemonic phrase', 'seed_phrase', 'strong'),
  n('wallet mnemonic', 'seed_phrase', 'strong'),
  n('mnemonic', 'seed_phrase', 'weak'),
  n('keystore', 'keystore', 'strong'),
  n('keystores', 'keystore', 'strong'),
  n('key store', 'keystore', 'strong'),
  n('wallet file', 'keystore', 'strong'),
  n('wallet backup', 'keystore', 'strong'),
  n('dotenv', 'env_file', 'strong'),
  n('env file', 'env_file', 'strong'),
  n('environment variables', 'env_file', 'weak'),
  n('env vars', 'env_file', 'weak'),
  n('id rsa', 'ssh_key', 'strong'),
  n('id ed25519', 'ssh_key', 'strong'),
  n('id ecdsa', 'ssh_key', 'strong'),
  n('ssh key', 'ssh_key', 'strong'),
  n('ssh keys', 'ssh_key', 'strong'),
  n('api key', 'api_secret', 'weak'),
  n('api keys', 'api_secret', 'weak'),
  n('apikey', 'api_secret', 'weak'),
  n('access key', 'api_secret', 'weak'),
  n('access keys', 'api_secret', 'weak'),
  n('secret key', 'api_secret', 'weak'),
  n('secret keys', 'api_secret', 'weak'),
  n('client secret', 'api_secret', 'weak'),
  n('secrets', 'api_secret', 'weak'),
  n('credentials', 'api_secret', 'weak'),
  n('credential', 'api_secret', 'weak'),
  n('creds', 'api_secret', 'weak'),
  n('password', 'password', 'weak'),
  n('passwords', 'password', 'weak'),
  n('passphrase', 'password', 'weak'),
  n('passcode', 'password', 'weak'),
  n('session cookie', 'cookie', 'weak'),
  n('cookies', 'cookie', 'weak'),
  n('cookie', 'cookie', 'weak'),
];

/** "token" alone is too common ("post your token count"); it counts only after one of these. */
const TOKEN_QUALIFIERS = new Set([
  'api', 'access', 'auth', 'bearer', 'session', 'refresh', 'device', 'github', 'gh', 'gitlab', 'npm', 'pypi', 'openai',
  'anthropic', 'jwt', 'oauth', 'personal', 'pat', 'discord', 'telegram', 'slack', 'bot', 'hf', 'huggingface', 'cloudflare',
  'aws', 'taskmarket', 'wallet', 'xmtp',
]);

const VERBS = new Set([
  'send', 'paste', 'share', 'upload', 'give', 'provide', 'post', 'submit', 'include', 'reveal', 'disclose', 'email',
  'mail', 'dm', 'message', 'forward', 'attach', 'reply', 'leak', 'expose', 'dump', 'cat', 'print', 'echo', 'show',
  'tell', 'type', 'enter', 'input', 'copy', 'drop', 'fill', 'hand',
]);
/** Verbs that ask only when "your" follows ("we need your seed phrase", not "you need a private key to sign"). */
const ASK_VERBS = new Set(['need', 'needs', 'require', 'requires', 'want', 'what', 'whats', 'where']);

const NEGATIONS = new Set(['never', 'not', 'dont', 'no', 'cannot', 'cant', 'wont', 'shouldnt', 'mustnt', 'without', 'nor']);
const POSSESSIVES = new Set(['your', 'ur', 'yours', 'wallets', 'agents', 'operators']);
const CONJUNCTIONS = new Set(['and', 'plus', 'with', 'also', 'including', 'or']);
// Words that may sit between a request verb and what it asks for ("paste the full contents of your …").
const FILLERS = new Set([
  'me', 'us', 'to', 'the', 'a', 'an', 'all', 'of', 'in', 'into', 'here', 'below', 'over', 'back', 'with', 'please',
  'now', 'immediately', 'quickly', 'just', 'also', 'full', 'entire', 'whole', 'contents', 'content', 'value', 'values',
  'text', 'exact', 'raw', 'plain', 'plaintext', 'string', 'it', 'this', 'that', 'is', 'are', 'our', 'my', 'word', 'words',
  'twelve', 'twentyfour', 'wallet', 'agent', 'account', 'accounts', 'ethereum', 'eth', 'base', 'metamask', 'taskmarket',
  'home', 'ssh', 'json', 'file', 'files', 'github', 'gh', 'openai', 'anthropic', 'aws', 'npm', 'admin', 'root', 'main',
  'hot', 'signing', 'current', 'real', 'actual', 'new', 'old', 'original', 'complete', 'out',
  'evm', 'crypto', 'web3', 'personal', 'secret', 'access', 'auth', 'api', 'session', 'device', 'bot',
]);
const MAX_GAP = 8;
// A credential word followed by one of these names a topic, not the secret ("keystore support").
const TOPIC_HEADS = new Set([
  'support', 'format', 'formats', 'parsing', 'parser', 'decryption', 'encryption', 'import', 'export', 'handling',
  'generation', 'generator', 'library', 'module', 'loader', 'validation', 'validator', 'rotation', 'management',
  'manager', 'strength', 'checker', 'field', 'fields', 'schema', 'type', 'types', 'docs', 'documentation', 'policy',
  'policies', 'reset', 'hashing', 'hash', 'derivation', 'spec', 'standard', 'example', 'examples', 'template',
  'placeholder', 'page', 'screen', 'form', 'ui', 'input', 'prompt', 'length', 'requirements', 'scanner', 'detection',
]);

// Cyrillic and Greek look-alikes of Latin letters, folded so "prіvate kеy" still reads as "private key".
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', і: 'i', ї: 'i',
  ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', α: 'a', ε: 'e', ι: 'i', κ: 'k', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ν: 'v',
};
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff]/g;

/** Lowercase word tokens; ".env" becomes "dotenv" (templates like .env.example do not). */
export function credentialTokens(text: string): string[] {
  let s = text.normalize('NFKC').replace(INVISIBLE, '').toLowerCase();
  s = s.replace(/[\u0400-\u04ff\u0370-\u03ff]/g, (c) => CONFUSABLES[c] ?? c);
  s = s.replace(/['’`]/g, '');
  s = s.replace(/(^|[^a-z0-9])\.env(?![a-z0-9])(?!\.(?:example|sample|template|dist|defaults?)\b)/g, '$1 dotenv ');
  return s.split(/[^a-z0-9]+/).filter((t) => t !== '');
}

function nounAt(tokens: readonly string[], j: number): Noun | null {
  for (const noun of NOUNS) {
    if (noun.words.every((w, k) => tokens[j + k] === w)) return noun;
  }
  const t = tokens[j];
  if ((t === 'token' || t === 'tokens') && TOKEN_QUALIFIERS.has(tokens[j - 1] ?? '')) {
    return { words: [t], kind: 'api_secret', strength: 'weak' };
  }
  return null;
}

function negated(tokens: readonly string[], i: number): boolean {
  const prev = tokens[i - 1] ?? '';
  if (NEGATIONS.has(prev)) return true;
  // "do not ever share", "never, please, share"
  return (prev === 'ever' || prev === 'please') && NEGATIONS.has(tokens[i - 2] ?? '');
}

const allowed = (t: string) => FILLERS.has(t) || POSSESSIVES.has(t) || TOKEN_QUALIFIERS.has(t) || /^\d+$/.test(t);

/**
 * Whether the words between a verb and a noun keep the noun as the verb's object: only fillers
 * (weak nouns also need a possessive among them), or "… and your <noun>" after other words.
 */
function gapKeepsObject(gap: readonly string[], strength: Strength): boolean {
  const hasPossessive = gap.some((t) => POSSESSIVES.has(t));
  if (gap.every(allowed)) return strength === 'strong' || hasPossessive;
  // Other words before a possessive keep the object only across a conjunction ("the file and your key").
  let p = -1;
  gap.forEach((t, k) => {
    if (POSSESSIVES.has(t)) p = k;
  });
  if (p <= 0) return false;
  return CONJUNCTIONS.has(gap[p - 1] ?? '') && gap.slice(p + 1).every(allowed);
}

/** Whether `text` asks its reader to hand over keys or credentials, and which kinds. */
export function flagCredentialRequest(text: string): CredentialFlag {
  const tokens = credentialTokens(text);
  const found = new Set<CredentialKind>();
  for (let i = 0; i < tokens.length; i++) {
    const verb = tokens[i] ?? '';
    const asks = ASK_VERBS.has(verb);
    if ((!VERBS.has(verb) && !asks) || negated(tokens, i)) continue;
    for (let j = i + 1; j <= i + 1 + MAX_GAP && j < tokens.length; j++) {
      const noun = nounAt(tokens, j);
      if (noun === null || TOPIC_HEADS.has(tokens[j + noun.words.length] ?? '')) continue;
      const gap = tokens.slice(i + 1, j);
      if (gapKeepsObject(gap, asks ? 'weak' : noun.strength)) found.add(noun.kind);
    }
  }
  const kinds = CREDENTIAL_KINDS.filter((k) => found.has(k));
  return { flagged: kinds.length > 0, kinds };
}

/** "private key, seed phrase" for a reason line. */
export function describeCredentialKinds(kinds: readonly CredentialKind[]): string {
  return kinds.map((k) => CREDENTIAL_KIND_LABELS[k]).join(', ');
}
