/** Orders and groupings of threats that several reports share. */
import { type Category, type Severity, type Threat, severityRank } from '../analysis/threat.js';
import { compareText } from '../util/compare.js';

export type { Category, Severity, Threat };
export { compareText };

/** Most severe first, then by stable id. */
export function compareSeverityThenId(a: Pick<Threat, 'severity' | 'id'>, b: Pick<Threat, 'severity' | 'id'>): number {
  return severityRank(b.severity) - severityRank(a.severity) || compareText(a.id, b.id);
}
