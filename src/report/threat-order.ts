/** Orders and groupings of threats that several reports share. */
import { type Category, SEVERITIES, type Severity, type Threat, severityRank } from '../analysis/threat.js';
import { compareText } from '../util/compare.js';

export type { Category, Severity, Threat };
export { compareText };

/** severityRank of each severity, looked up: sorts compare thousands of threats. */
const RANK = Object.fromEntries(SEVERITIES.map((s) => [s, severityRank(s)])) as Record<Severity, number>;

/** Most severe first, then by stable id. */
export function compareSeverityThenId(a: Pick<Threat, 'severity' | 'id'>, b: Pick<Threat, 'severity' | 'id'>): number {
  return RANK[b.severity] - RANK[a.severity] || compareText(a.id, b.id);
}
