/** `ztm diff --format terminal`. */
import { type ReportDiff, type ReportThreatDoc, describeChange, diffHeadline } from '../diff.js';
import { terminalSafe as safe } from '../escape.js';
import type { Palette } from '../palette.js';

export function renderDiffTerminal(d: ReportDiff, p: Palette): string {
  const line = (t: ReportThreatDoc) => `  ${p.severity(t.severity, t.severity.toUpperCase().padEnd(8))} ${safe(t.id)}  ${p.dim(`[${t.status}]`)} ${safe(t.title)}`;
  const lines = [p.bold(`${safe(d.new.model)}: ${diffHeadline(d)}`)];
  const group = (title: string, body: string[]) => {
    if (body.length === 0) return;
    lines.push('', p.bold(title));
    for (const l of body) lines.push(l); // a diff can list 100,000 threats: more than a spread call takes
  };
  group('New', d.added.map(line));
  group('Resolved', d.resolved.map(line));
  group('Changed', d.changed.map((c) => `${line(c.after)}\n    ${describeChange(c)}`));
  return `${lines.join('\n')}\n`;
}
