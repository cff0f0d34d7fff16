/** `--format markdown`: placeholder until the design-review document lands. */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import { gateLine } from './gate-line.js';

export function renderMarkdown(result: AnalysisResult, verdict: GateVerdict): string {
  const rows = result.threats.map((t) => `| ${t.id} | ${t.severity} | ${t.status} | ${t.title} |`);
  return [`# ${result.model.name}`, '', '| id | severity | status | title |', '|---|---|---|---|', ...rows, '', gateLine(verdict), ''].join('\n');
}
