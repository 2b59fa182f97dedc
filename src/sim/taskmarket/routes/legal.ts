// The legal bundle (taskmarket-cli.md §3.4): one that passes the CLI's zod schema with enforcement off, so
// `init` skips the challenge/accept steps (§8.1). Document URLs are data only; nothing is fetched from them.
import { createHash } from 'node:crypto';
import { ok, type Route } from '../../router.js';
import type { Sim } from '../../sim.js';

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

const DOCS = [
  { slug: 'terms', type: 'terms_of_service', title: 'Terms of Service' },
  { slug: 'privacy', type: 'privacy_policy', title: 'Privacy Notice' },
  { slug: 'risks', type: 'risk_disclosure', title: 'Risk Disclosure' },
  { slug: 'acceptable-use', type: 'acceptable_use_policy', title: 'Acceptable Use Policy' },
] as const;

const VERSION = 'sim-2026-01';

function bundle() {
  const documents = DOCS.map((d) => ({
    contentHash: sha(`${d.slug}:${VERSION}`),
    slug: d.slug,
    summary: `${d.title} of the local Taskmarket simulator (no real obligations).`,
    title: d.title,
    type: d.type,
    url: `https://taskmarket.dev/legal/${d.slug}`,
    version: VERSION,
  }));
  return {
    acceptanceAvailable: true,
    acceptanceStatement: 'I have reviewed the Taskmarket simulator policies.',
    bundleDigest: sha(JSON.stringify(documents)),
    documents,
    effectiveAt: '2026-01-01T00:00:00.000Z',
    enforcementEnabled: false,
    privyAppId: null,
    publishedAt: '2026-01-01T00:00:00.000Z',
    status: 'approved' as const,
    version: VERSION,
  };
}

export const routes: Route<Sim>[] = [
  { method: 'GET', path: '/api/legal/current', handle: () => ok(bundle()) },
  // Enforcement is off, so nothing is ever accepted; the CLI only prints this.
  { method: 'GET', path: '/api/legal/status', handle: () => ok({ accepted: false, bundle: bundle(), subjectType: 'wallet' }) },
];
