/** What live verification concluded, as every report shows it: read from the result, never recomputed. */
import type { CheckStatus, ControlCheck, VerificationFacts } from '../analysis/facts.js';
import { compareText } from '../util/compare.js';

export function verificationHeadline(v: VerificationFacts): string {
  const count = (s: CheckStatus) => v.checks.filter((c) => c.status === s).length;
  const where = `account ${v.accountId ?? 'unknown'}, ${v.region}, ${v.checkedAt}`;
  return `Live verification (${where}): ${count('verified')} verified, ${count('contradicted')} contradicted, ${count('unverifiable')} unverifiable, ${v.findings.length} live finding${v.findings.length === 1 ? '' : 's'}${v.complete ? '' : ' (incomplete)'}`;
}

/** Checks in a stable order: contradicted first, then unverifiable, then verified. */
export function orderedChecks(v: VerificationFacts): ControlCheck[] {
  const rank: Record<CheckStatus, number> = { contradicted: 0, unverifiable: 1, verified: 2 };
  return [...v.checks].sort((a, b) => rank[a.status] - rank[b.status] || compareText(a.element, b.element) || compareText(a.control, b.control));
}

