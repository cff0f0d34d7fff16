/** `--format json`: the versioned report (schema: schema/ztm-report-v1.schema.json). */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import { joinText } from './report-text.js';

export const REPORT_SCHEMA_ID = 'https://ztm.dev/schema/ztm-report-v1.schema.json';

/** The report as one string (small reports, tests). */
export function renderJson(result: AnalysisResult, verdict: GateVerdict): string {
  return joinText(jsonReport(result, verdict));
}

/**
 * The report, byte for byte `JSON.stringify(report, null, 2)` and a newline,
 * produced one threat at a time. The report without its threats is written
 * first; its top-level `"threats": []` is then the only text at two spaces of
 * indentation with that key (nested keys are indented further, and a string
 * value never holds a raw newline), and the threats go in its place.
 */
export function* jsonReport(result: AnalysisResult, verdict: GateVerdict): Generator<string> {
  const shell = JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...result, threats: [], gate: verdict }, null, 2);
  const slot = '\n  "threats": []';
  const at = shell.indexOf(slot);
  if (at < 0) throw new Error('the JSON report has no top-level threats key');
  if (result.threats.length === 0) {
    yield `${shell}\n`;
    return;
  }
  yield `${shell.slice(0, at)}\n  "threats": [`;
  let first = true;
  for (const threat of result.threats) {
    yield `${first ? '' : ','}\n    ${JSON.stringify(threat, null, 2).replace(/\n/g, '\n    ')}`;
    first = false;
  }
  yield `\n  ]${shell.slice(at + slot.length)}\n`;
}
