/**
 * Two JSON reports compared by stable threat id: threats that are new, that
 * are resolved (gone), and that changed severity or status.
 */
import { type Severity, isOpen, severityRank } from '../analysis/threat.js';
import type { ReportDoc } from './report-schema.js';
import { compareSeverityThenId } from './threat-order.js';

export type ReportThreatDoc = ReportDoc['threats'][number];

export interface ThreatChange {
  readonly before: ReportThreatDoc;
  readonly after: ReportThreatDoc;
  readonly severity: boolean;
  readonly status: boolean;
}

export interface ReportDiff {
  readonly old: { readonly model: string; readonly file: string; readonly total: number };
  readonly new: { readonly model: string; readonly file: string; readonly total: number };
  readonly added: readonly ReportThreatDoc[];
  readonly resolved: readonly ReportThreatDoc[];
  readonly changed: readonly ThreatChange[];
  readonly unchanged: number;
}

export function diffReports(before: ReportDoc, after: ReportDoc): ReportDiff {
  const oldById = new Map(before.threats.map((t) => [t.id, t]));
  const newById = new Map(after.threats.map((t) => [t.id, t]));
  const added = after.threats.filter((t) => !oldById.has(t.id)).sort(compareSeverityThenId);
  const resolved = before.threats.filter((t) => !newById.has(t.id)).sort(compareSeverityThenId);
  const changed: ThreatChange[] = [];
  let unchanged = 0;
  for (const t of after.threats) {
    const was = oldById.get(t.id);
    if (!was) continue;
    const change = { before: was, after: t, severity: was.severity !== t.severity, status: was.status !== t.status };
    if (change.severity || change.status) changed.push(change);
    else unchanged++;
  }
  changed.sort((a, b) => compareSeverityThenId(a.after, b.after));
  const side = (r: ReportDoc) => ({ model: r.model.name, file: r.model.file, total: r.threats.length });
  return { old: side(before), new: side(after), added, resolved, changed, unchanged };
}

/** New open threats at or above `threshold`: what `ztm diff --fail-on-new` fails on. */
export function newOpenAtOrAbove(diff: ReportDiff, threshold: Severity): ReportThreatDoc[] {
  return diff.added.filter((t) => isOpen(t.status) && severityRank(t.severity) >= severityRank(threshold));
}

/** One line per change, in words: `severity high → critical; status open → mitigated`. */
export function describeChange(c: ThreatChange): string {
  const parts: string[] = [];
  if (c.severity) parts.push(`severity ${c.before.severity} → ${c.after.severity}`);
  if (c.status) parts.push(`status ${c.before.status} → ${c.after.status}`);
  return parts.join('; ');
}

/** `3 new, 1 resolved, 2 changed`. */
export function diffHeadline(d: ReportDiff): string {
  return `${d.added.length} new, ${d.resolved.length} resolved, ${d.changed.length} changed, ${d.unchanged} unchanged`;
}
