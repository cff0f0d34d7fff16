/** `ztm diff --format json`: the diff with full threats, for tools. */
import type { ReportDiff } from '../diff.js';
import { inertJson } from '../escape.js';

export function renderDiffJson(d: ReportDiff): string {
  const changed = d.changed.map((c) => ({ id: c.after.id, severity: { before: c.before.severity, after: c.after.severity }, status: { before: c.before.status, after: c.after.status }, threat: c.after }));
  return `${inertJson(JSON.stringify({ version: 1, old: d.old, new: d.new, summary: { new: d.added.length, resolved: d.resolved.length, changed: d.changed.length, unchanged: d.unchanged }, new_threats: d.added, resolved_threats: d.resolved, changed_threats: changed }, null, 2))}\n`;
}
