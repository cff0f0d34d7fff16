/** `ztm diff --format markdown`: a pull-request comment. */
import { type ReportDiff, type ReportThreatDoc, describeChange, diffHeadline } from '../diff.js';
import { escapeMarkdown, markdownId } from '../escape.js';
import { STATUS_TEXT, documentText, heading, severityText, table } from '../markdown/blocks.js';
import { joinText } from '../report-text.js';

const row = (t: ReportThreatDoc, extra: string[] = []) => [severityText(t.severity), markdownId(t.id), escapeMarkdown(t.title), STATUS_TEXT[t.status], ...extra];

function group(title: string, threats: readonly string[][], headers: string[]): string[] {
  if (threats.length === 0) return [];
  return [...heading(3, title), ...table(headers, threats)];
}

export function renderDiffMarkdown(d: ReportDiff): string {
  const headers = ['Severity', 'Threat', 'Title', 'Status'];
  const nothing = d.added.length + d.resolved.length + d.changed.length === 0;
  return joinText(documentText([
    [...heading(2, `Threat model changes: ${escapeMarkdown(d.new.model)}`), `**${diffHeadline(d)}** (${d.old.total} → ${d.new.total} threats).${nothing ? ' No threat changed.' : ''}`],
    group(`New threats (${d.added.length})`, d.added.map((t) => row(t)), headers),
    group(`Resolved threats (${d.resolved.length})`, d.resolved.map((t) => row(t)), headers),
    group(`Changed threats (${d.changed.length})`, d.changed.map((c) => row(c.after, [escapeMarkdown(describeChange(c))])), [...headers, 'Change']),
  ]));
}
