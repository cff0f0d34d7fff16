/** The terminal report: a summary by category and severity, then the open threats. */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import { CATEGORIES, CATEGORY_TITLES, SEVERITIES, isOpen } from '../analysis/threat.js';
import { terminalSafe as safe } from './escape.js';
import { gateLine } from './gate-line.js';
import { joinText } from './report-text.js';
import type { Palette } from './palette.js';
import { orderedChecks, verificationHeadline } from './verification.js';

type TerminalOptions = { all?: boolean };

/** The report as one string (tests, small reports). */
export function renderTerminal(result: AnalysisResult, verdict: GateVerdict, p: Palette, options: TerminalOptions = {}): string {
  return joinText(terminalReport(result, verdict, p, options));
}

/** The report in pieces, a line each, made as the writer asks for them: a large model's open threats are never one string. */
export function* terminalReport(result: AnalysisResult, verdict: GateVerdict, p: Palette, options: TerminalOptions = {}): Generator<string> {
  for (const line of terminalLines(result, verdict, p, options)) yield `${line}\n`;
}

function* terminalLines(result: AnalysisResult, verdict: GateVerdict, p: Palette, options: TerminalOptions): Generator<string> {
  const s = result.summary;
  yield p.bold(`${safe(result.model.name)} (${safe(result.model.file)})`);
  yield `${s.total} threats: ${s.byStatus.open + s.byStatus['acceptance-expired']} open, ${s.byStatus.mitigated} mitigated, ${s.byStatus.accepted} accepted${s.byStatus['acceptance-expired'] ? ` (${s.byStatus['acceptance-expired']} acceptance expired)` : ''}`;
  yield '';
  const w = CATEGORIES.reduce((most, c) => Math.max(most, CATEGORY_TITLES[c].length), 0);
  yield p.dim(`${'open threats'.padEnd(w)}  ${SEVERITIES.map((x) => x.padStart(8)).join(' ')}   mitigated/accepted`);
  for (const c of CATEGORIES) {
    const row = s.byCategory[c];
    const cells = SEVERITIES.map((sev) => (row[sev] ? p.severity(sev, String(row[sev]).padStart(8)) : p.dim('-'.padStart(8)))).join(' ');
    yield `${CATEGORY_TITLES[c].padEnd(w)}  ${cells}   ${row.total - row.open}`;
  }
  const v = result.verification;
  if (v) {
    yield '';
    yield p.bold(safe(verificationHeadline(v)));
    for (const c of orderedChecks(v)) {
      const status = c.status === 'contradicted' ? p.error(c.status) : c.status === 'unverifiable' ? p.warning(c.status) : p.ok(c.status);
      yield `  ${status.padEnd(p.enabled ? status.length + 12 - c.status.length : 12)} ${safe(c.control)} on ${safe(c.element)}: ${safe(c.reason)}`;
    }
  }
  const shown = result.threats.filter((t) => options.all || isOpen(t.status));
  if (shown.length) {
    yield '';
    yield p.bold(options.all ? 'Threats' : 'Open threats, most severe first');
  }
  for (const t of shown) {
    const loc = `${safe(t.location.file)}:${t.location.line}:${t.location.column}`;
    const status = t.status === 'open' ? '' : ` [${t.status}]`;
    yield '';
    yield `${p.severity(t.severity, t.severity.toUpperCase().padEnd(8))} ${p.bold(safe(t.title))}${status}`;
    yield `  ${safe(t.id)}  ${p.dim(loc)}`;
    yield `  ${safe(t.statement.text)}`;
    if (t.path) yield `  path: ${t.path.map(safe).join(' -> ')}`;
    yield `  evidence: ${t.evidence.map((e) => `${safe(e.element)}.${safe(e.attribute)}=${safe(JSON.stringify(e.value))}`).join(', ')}`;
    yield `  why ${t.severity}: ${t.severityReasoning.factors.slice(1).map(safe).join('; ')}`;
    const [first, ...also] = t.recommendations;
    if (first) yield `  ${p.ok('fix')}: ${safe(first.service)}, ${safe(first.feature)}: ${safe(first.how)}`;
    for (const r of also) yield `  ${p.ok('also')}: ${safe(r.service)}, ${safe(r.feature)}: ${safe(r.how)}`;
    if (t.acceptance) yield `  accepted by ${safe(t.acceptance.by)} until ${t.acceptance.expires}: ${safe(t.acceptance.reason)}`;
  }
  if (result.warnings.length) {
    yield '';
    for (const w2 of result.warnings) yield `${p.warning('warning')}: ${safe(w2.file)}${w2.line ? `:${w2.line}:${w2.column}` : ''}: ${safe(w2.message)}`;
  }
  yield '';
  yield verdict.failed ? p.error(gateLine(verdict)) : p.ok(gateLine(verdict));
}
