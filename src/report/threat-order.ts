/** Orders and groupings of threats that several reports share. */
import { type Category, type Severity, type Threat, severityRank } from '../analysis/threat.js';

export type { Category, Severity, Threat };

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Most severe first, then by stable id. */
export function compareSeverityThenId(a: Pick<Threat, 'severity' | 'id'>, b: Pick<Threat, 'severity' | 'id'>): number {
  return severityRank(b.severity) - severityRank(a.severity) || compareText(a.id, b.id);
}
