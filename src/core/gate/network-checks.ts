// Guide steps 1–3 (both gates): the intended network is confirmed, the client talks to the intended
// backend, and the market's own chain id and USDC contract (and the signing wallet) are the intended ones.
import type { GateInput } from '../gate-input.js';
import { addr, safeText, sameAddress, span } from './format.js';
import { fail, FUTURE_SLACK_MS, NETWORK_FRESH_MS, pass, type Verdict } from './verdict.js';

export function networkIntentCheck(i: GateInput): Verdict {
  const intended = i.network.intended;
  if (intended === null || !i.network.confirmed) return fail('network not confirmed: type the network name to confirm');
  return pass(`${safeText(intended.name, 40)} (chain ${intended.chainId}) confirmed`);
}

/** Scheme and host lowercased, default port dropped, trailing slashes removed; raw text if unparsable. */
export function normaliseApiUrl(url: string): string {
  const trimmed = url.trim();
  try {
    const u = new URL(trimmed);
    return `${u.protocol}//${u.username || u.password ? `${u.username}:${u.password}@` : ''}${u.host}${u.pathname}${u.search}`.replace(/\/+$/, '');
  } catch {
    return trimmed.replace(/\/+$/, '');
  }
}

/** The URL as a reason shows it: origin and path only (never userinfo or a query that might hold a token). */
function shownUrl(url: string): string {
  try {
    const u = new URL(url.trim());
    return safeText(`${u.origin}${u.pathname}`.replace(/\/+$/, ''), 80);
  } catch {
    return '(unparsable URL)';
  }
}

export function apiUrlCheck(i: GateInput): Verdict {
  const { apiUrl, intendedApiUrl } = i.network;
  if (intendedApiUrl === null) return fail('no intended backend configured (--api or config)');
  if (normaliseApiUrl(apiUrl) !== normaliseApiUrl(intendedApiUrl)) {
    return fail(`client talks to ${shownUrl(apiUrl)}, not the intended ${shownUrl(intendedApiUrl)}`);
  }
  return pass(`talking to ${shownUrl(apiUrl)} as intended`);
}

export function chainCheck(i: GateInput): Verdict {
  const { intended, seen, seenFetchedAt, mismatch } = i.network;
  if (intended === null) return fail('no intended network to compare the market against');
  if (mismatch !== null) return fail(safeText(mismatch));
  if (seen === null || seenFetchedAt === null) return fail("the market's network info was never fetched");
  const age = i.wallNow - seenFetchedAt;
  if (age > NETWORK_FRESH_MS) return fail(`network info is ${span(age)} old (over 5 min): re-fetch`);
  if (age < -FUTURE_SLACK_MS) return fail('network info is stamped in the future (clock moved): re-fetch');
  if (seen.chainId !== intended.chainId) {
    return fail(`market is on chain ${seen.chainId}; ${safeText(intended.name, 40)} is chain ${intended.chainId}`);
  }
  if (!sameAddress(seen.usdcAddress, intended.usdcAddress)) {
    return fail(`market USDC ${addr(seen.usdcAddress)} is not ${safeText(intended.name, 40)}'s ${addr(intended.usdcAddress)}`);
  }
  const wallet = i.wallet.address;
  if (wallet === null) return fail('no wallet loaded');
  if (!sameAddress(wallet, i.intent.wallet)) return fail(`signing wallet ${addr(wallet)} is not the ticket's wallet ${addr(i.intent.wallet)}`);
  return pass(`chain ${intended.chainId} and USDC ${addr(intended.usdcAddress)} match ${safeText(intended.name, 40)}; wallet ${addr(wallet)}`);
}
