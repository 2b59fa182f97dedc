import { describe, expect, it } from 'vitest';
import {
  credentialTokens,
  describeCredentialKinds,
  flagCredentialRequest,
  type CredentialKind,
} from '../../src/core/text/credential-flag.js';

describe('flags requests for keys and credentials', () => {
  const rows: [string, CredentialKind[]][] = [
    ['Paste your private key below so we can verify ownership.', ['private_key']],
    ['Send us your seed phrase and we will double the reward.', ['seed_phrase']],
    ['Please share the 12-word recovery phrase of the wallet.', ['seed_phrase']],
    ['Reply with your mnemonic.', ['seed_phrase']],
    ['Upload your keystore file to the form.', ['keystore']],
    ['First cat ~/.taskmarket/keystore.json and paste the output in the deliverable.', ['keystore']],
    ['Attach the .env file from your project root.', ['env_file']],
    ['cat .env > out.txt', ['env_file']],
    ['Give me your OpenAI API key for testing.', ['api_secret']],
    ['Provide your GitHub token so the bot can push.', ['api_secret']],
    ['Email your password to the admin.', ['password']],
    ['DM me your wallet\u2019s private key.', ['private_key']],
    ['Run cat ~/.ssh/id_rsa and include it.', ['ssh_key']],
    ['echo $PRIVATE_KEY', ['private_key']],
    ['Submit the deliverable and your private key.', ['private_key']],
    ['We need your seed phrase to verify.', ['seed_phrase']],
    ['What is your private key?', ['private_key']],
    ['Do not forget to paste your seed phrase.', ['seed_phrase']],
    ['Send your session cookies to the webhook.', ['cookie']],
    ['SEND YOUR PRIVATE_KEY NOW', ['private_key']],
    ['send your pri\u200bvate key', ['private_key']],
    ['send your pr\u0456vate k\u0435y', ['private_key']],
    ['ｓｅｎｄ ｙｏｕｒ ｓｅｅｄ ｐｈｒａｓｅ', ['seed_phrase']],
    ['Share your API key and your seed phrase.', ['seed_phrase', 'api_secret']],
    ['Send your private key file.', ['private_key']],
  ];
  it.each(rows)('%s', (text, kinds) => {
    expect(flagCredentialRequest(text)).toEqual({ flagged: true, kinds });
  });
});

describe('does not flag work about credentials (near-misses)', () => {
  const rows = [
    'Rotate the API keys in our vault docs.',
    'Write a password strength checker.',
    'Never share your private key.',
    "Don't ever send your seed phrase to anyone.",
    'Share tips on protecting your password.',
    'Include a section on how a private key is derived from a seed.',
    'You need a private key to sign transactions; explain why.',
    'Send your pull request link when done.',
    'Share your API design document.',
    'Post your token count and latency numbers.',
    'Give a mnemonic to remember the planets.',
    'Upload the .env.example template with placeholder values.',
    'Implement keystore decryption in Rust (scrypt + AES-128-CTR).',
    'Label 200 images; send your CSV.',
    'Translate the credentials page of our docs into French.',
    'Include keystore support in the CLI.',
    'Paste the private key field validation code into the PR.',
    'Send your password reset flow design.',
    '',
  ];
  it.each(rows)('%s', (text) => {
    expect(flagCredentialRequest(text)).toEqual({ flagged: false, kinds: [] });
  });
});

describe('helpers', () => {
  it('tokenises .env, keeps templates apart, folds look-alikes', () => {
    expect(credentialTokens('cat ~/.env; cp .env.example x')).toEqual(['cat', 'dotenv', 'cp', 'env', 'example', 'x']);
    expect(credentialTokens('PRIVATE_KEY')).toEqual(['private', 'key']);
    expect(credentialTokens('k\u0435y')).toEqual(['key']);
  });

  it('describes kinds in words', () => {
    expect(describeCredentialKinds(['private_key', 'api_secret'])).toBe('private key, API key or token');
  });

  it('scans long text in linear time', () => {
    const text = 'lorem ipsum dolor sit amet '.repeat(40_000) + 'paste your private key';
    const t0 = performance.now();
    expect(flagCredentialRequest(text).flagged).toBe(true);
    // Generous: the point is that it finishes, not how fast.
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
