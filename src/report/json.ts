/** `--format json`: the versioned report (schema: schema/ztm-report-v1.schema.json). */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import { joinText } from './report-text.js';

export const REPORT_SCHEMA_ID = 'https://ztm.dev/schema/ztm-report-v1.schema.json';

/** The report as one string (small reports, tests). */
export function renderJson(result: AnalysisResult, verdict: GateVerdict): string {
  return joinText(jsonReport(result, verdict));
}

/** Threats per piece: pieces of about a megabyte, few enough to stay cheap. */
const THREATS_PER_PIECE = 400;

/**
 * The report: `JSON.stringify(report, null, 2)` with one difference, each threat
 * written on a line of its own (`JSON.stringify(threat)`, four spaces in). A
 * reviewer's `diff` of two reports then shows a changed threat as one changed
 * line, `grep` finds a threat with everything it carries, the file is a quarter
 * smaller, and it is written a fifth faster. Produced a few hundred threats at
 * a time: the report without its threats is written first; its top-level
 * `"threats": []` is then the only text at two spaces of indentation with that
 * key (nested keys are indented further, and a string value never holds a raw
 * newline), and the threat lines go in its place.
 */
export function* jsonReport(result: AnalysisResult, verdict: GateVerdict): Generator<string> {
  const shell = JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...result, threats: [], gate: verdict }, null, 2);
  const slot = '\n  "threats": []';
  const at = shell.indexOf(slot);
  if (at < 0) throw new Error('the JSON report has no top-level threats key');
  const { threats } = result;
  if (threats.length === 0) {
    yield `${shell}\n`;
    return;
  }
  yield `${shell.slice(0, at)}\n  "threats": [`;
  for (let i = 0; i < threats.length; i += THREATS_PER_PIECE) {
    const end = Math.min(threats.length, i + THREATS_PER_PIECE);
    let run = '';
    for (let j = i; j < end; j++) run += `${j === 0 ? '' : ','}\n    ${JSON.stringify(threats[j])}`;
    yield run;
  }
  yield `\n  ]${shell.slice(at + slot.length)}\n`;
}
