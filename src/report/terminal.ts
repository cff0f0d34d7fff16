/** The terminal report: a summary by category and severity, then the open threats. */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import { CATEGORIES, CATEGORY_TITLES, SEVERITIES, isOpen } from '../analysis/threat.js';
import { terminalSafe as safe } from './escape.js';
import { gateLine } from './gate-line.js';
import type { Palette } from './palette.js';
import { orderedChecks, verificationHeadline } from './verification.js';

export function renderTerminal(result: AnalysisResult, verdict: GateVerdict, p: Palette, options: { all?: boolean } = {}): string {
  const lines: string[] = [];
  const s = result.summary;
  lines.push(p.bold(`${safe(result.model.name)} (${safe(result.model.file)})`));
  lines.push(`${s.total} threats: ${s.byStatus.open + s.byStatus['acceptance-expired']} open, ${s.byStatus.mitigated} mitigated, ${s.byStatus.accepted} accepted${s.byStatus['acceptance-expired'] ? ` (${s.byStatus['acceptance-expired']} acceptance expired)` : ''}`);
  lines.push('');
  const w = CATEGORIES.reduce((most, c) => Math.max(most, CATEGORY_TITLES[c].length), 0);
  lines.push(p.dim(`${'open threats'.padEnd(w)}  ${SEVERITIES.map((x) => x.padStart(8)).join(' ')}   mitigated/accepted`));
  for (const c of CATEGORIES) {
    const row = s.byCategory[c];
    const cells = SEVERITIES.map((sev) => (row[sev] ? p.severity(sev, String(row[sev]).padStart(8)) : p.dim('-'.padStart(8)))).join(' ');
    lines.push(`${CATEGORY_TITLES[c].padEnd(w)}  ${cells}   ${row.total - row.open}`);
  }
  const v = result.verification;
  if (v) {
    lines.push('', p.bold(safe(verificationHeadline(v))));
    for (const c of orderedChecks(v)) {
      const status = c.status === 'contradicted' ? p.error(c.status) : c.status === 'unverifiable' ? p.warning(c.status) : p.ok(c.status);
      lines.push(`  ${status.padEnd(p.enabled ? status.length + 12 - c.status.length : 12)} ${safe(c.control)} on ${safe(c.element)}: ${safe(c.reason)}`);
    }
  }
  const shown = result.threats.filter((t) => options.all || isOpen(t.status));
  if (shown.length) {
    lines.push('');
    lines.push(p.bold(options.all ? 'Threats' : 'Open threats, most severe first'));
  }
  for (const t of shown) {
    const loc = `${safe(t.location.file)}:${t.location.line}:${t.location.column}`;
    const status = t.status === 'open' ? '' : ` [${t.status}]`;
    lines.push('');
    lines.push(`${p.severity(t.severity, t.severity.toUpperCase().padEnd(8))} ${p.bold(safe(t.title))}${status}`);
    lines.push(`  ${safe(t.id)}  ${p.dim(loc)}`);
    lines.push(`  ${safe(t.statement.text)}`);
    if (t.path) lines.push(`  path: ${t.path.map(safe).join(' -> ')}`);
    lines.push(`  evidence: ${t.evidence.map((e) => `${safe(e.element)}.${safe(e.attribute)}=${safe(JSON.stringify(e.value))}`).join(', ')}`);
    lines.push(`  why ${t.severity}: ${t.severityReasoning.factors.slice(1).map(safe).join('; ')}`);
    const [first, ...also] = t.recommendations;
    if (first) lines.push(`  ${p.ok('fix')}: ${safe(first.service)}, ${safe(first.feature)}: ${safe(first.how)}`);
    for (const r of also) lines.push(`  ${p.ok('also')}: ${safe(r.service)}, ${safe(r.feature)}: ${safe(r.how)}`);
    if (t.acceptance) lines.push(`  accepted by ${safe(t.acceptance.by)} until ${t.acceptance.expires}: ${safe(t.acceptance.reason)}`);
  }
  if (result.warnings.length) {
    lines.push('');
    for (const w2 of result.warnings) lines.push(`${p.warning('warning')}: ${safe(w2.file)}${w2.line ? `:${w2.line}:${w2.column}` : ''}: ${safe(w2.message)}`);
  }
  lines.push('');
  lines.push(verdict.failed ? p.error(gateLine(verdict)) : p.ok(gateLine(verdict)));
  return `${lines.join('\n')}\n`;
}
