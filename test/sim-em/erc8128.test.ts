// src/core/erc8128.ts pinned against hand-written RFC 9421 / RFC 9530 text, so signer and verifier (which share the
// module) cannot drift together: the Content-Digest test vector, the exact signature base, header syntax, recovery.
import { describe, expect, it } from 'vitest';
import { privateKeyToAccount } from 'viem/accounts';
import {
  contentDigest,
  digestMatches,
  keyId,
  parseDictionary,
  parseKeyId,
  parseSignatureHeader,
  parseSignatureInput,
  recoverSigner,
  requiredComponents,
  signatureBase,
  signatureParamsOf,
  signRequest,
} from '../../src/core/erc8128.js';

const account = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');

describe('erc8128 core', () => {
  it('Content-Digest is RFC 9530 sha-256 (the RFC example body)', () => {
    expect(contentDigest('{"hello": "world"}')).toBe('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:');
    expect(digestMatches('sha-512=:AAAA:, sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:', '{"hello": "world"}')).toBe(true);
    expect(digestMatches('sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:', '{"hello":"world"}')).toBe(false);
  });

  it('keyid is erc8128:<chainId>:<lower-case address>', () => {
    expect(keyId(84532, '0xAbC0000000000000000000000000000000000dEf')).toBe('erc8128:84532:0xabc0000000000000000000000000000000000def');
    expect(parseKeyId('erc8128:8453:0xAbC0000000000000000000000000000000000dEf')).toEqual({ chainId: 8453, address: '0xabc0000000000000000000000000000000000def' });
    expect(parseKeyId('eip155:8453:0xabc')).toBeNull();
  });

  it('the signature base is one `"<component>": <value>` line each, then @signature-params', () => {
    const parts = { method: 'post', authority: '127.0.0.1:4010', path: '/em/api/v1/tasks', query: 'a=1&b=two', contentDigest: 'sha-256=:abc=:' };
    const components = requiredComponents(parts);
    expect(components).toEqual(['@method', '@authority', '@path', '@query', 'content-digest']);
    const base = signatureBase(parts, { components, params: [['created', 1700000000], ['expires', 1700000060], ['nonce', 'n-1"x'], ['keyid', 'erc8128:84532:0xabc']] });
    expect(base).toBe(
      [
        '"@method": POST',
        '"@authority": 127.0.0.1:4010',
        '"@path": /em/api/v1/tasks',
        '"@query": ?a=1&b=two',
        '"content-digest": sha-256=:abc=:',
        '"@signature-params": ("@method" "@authority" "@path" "@query" "content-digest");created=1700000000;expires=1700000060;nonce="n-1\\"x";keyid="erc8128:84532:0xabc"',
      ].join('\n'),
    );
    // No query and no body: only the three required components.
    expect(requiredComponents({ query: '', contentDigest: null })).toEqual(['@method', '@authority', '@path']);
  });

  it('signRequest emits Signature-Input / Signature / Content-Digest that parse back and recover to the signer', async () => {
    const body = JSON.stringify({ title: 'x' });
    const { headers, base } = await signRequest({ method: 'POST', url: 'http://127.0.0.1:4010/em/api/v1/tasks?x=1', body, chainId: 84532, signer: account, now: 1_700_000_000, nonce: 'abcdef123456', ttlSeconds: 300 });
    expect(headers['Content-Digest']).toBe(contentDigest(body));
    expect(headers['Signature-Input']).toBe(
      `eth=("@method" "@authority" "@path" "@query" "content-digest");created=1700000000;expires=1700000300;nonce="abcdef123456";keyid="erc8128:84532:${account.address.toLowerCase()}"`,
    );
    expect(headers.Signature).toMatch(/^eth=:[A-Za-z0-9+/]{86}[A-Za-z0-9+/=]{2}:$/);
    const input = parseSignatureInput(headers['Signature-Input']);
    expect(input && signatureParamsOf(input)).toEqual({ created: 1700000000, expires: 1700000300, nonce: 'abcdef123456', keyid: `erc8128:84532:${account.address.toLowerCase()}` });
    const sig = parseSignatureHeader(headers.Signature);
    expect(sig).toMatch(/^0x[0-9a-f]{130}$/);
    expect(await recoverSigner(base, sig!)).toBe(account.address.toLowerCase());
    expect(await recoverSigner(`${base} `, sig!)).not.toBe(account.address.toLowerCase());
    await expect(signRequest({ method: 'GET', url: 'http://127.0.0.1:1/', chainId: 1, signer: account, now: 0, nonce: 'abcdefgh', ttlSeconds: 301 })).rejects.toThrow(/ttlSeconds/);
  });

  it('the structured-field parser takes several labels and refuses garbage', () => {
    const d = parseDictionary('sig1=("@method");created=1, eth=("@path" "@authority");keyid="k";alg="eip191"');
    expect(d?.get('eth')).toMatchObject({ kind: 'inner', items: ['@path', '@authority'], params: [['keyid', 'k'], ['alg', 'eip191']] });
    expect(parseSignatureInput('eth=("@method" @path)')).toBeNull();
    expect(parseSignatureInput('eth=("@method");created=1,')).toBeNull();
    expect(parseSignatureHeader('eth=:!!:')).toBeNull();
    expect(parseSignatureHeader('other=:AAAA:')).toBeNull();
  });
});
