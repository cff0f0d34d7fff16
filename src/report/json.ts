/** `--format json`: the versioned report (schema: schema/ztm-report-v1.schema.json). */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import { joinText } from './report-text.js';

export const REPORT_SCHEMA_ID = 'https://ztm.dev/schema/ztm-report-v1.schema.json';

/** The report as one string (small reports, tests). */
export function renderJson(result: AnalysisResult, verdict: GateVerdict): string {
  return joinText(jsonReport(result, verdict));
}

/** Threats stringified together: pieces of about a megabyte, few enough to stay cheap. */
const THREATS_PER_PIECE = 400;

/**
 * The report, byte for byte `JSON.stringify(report, null, 2)` and a newline,
 * produced a few hundred threats at a time. The report without its threats is
 * written first; its top-level `"threats": []` is then the only text at two
 * spaces of indentation with that key (nested keys are indented further, and
 * a string value never holds a raw newline), and the threats go in its place.
 * A run of threats is stringified inside `{ threats: [...] }`, which indents
 * each threat exactly as the whole report would; the wrapper is cut away.
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
  const open = '{\n  "threats": [';
  const close = '\n  ]\n}';
  yield `${shell.slice(0, at)}\n  "threats": [`;
  for (let i = 0; i < threats.length; i += THREATS_PER_PIECE) {
    const run = JSON.stringify({ threats: threats.slice(i, i + THREATS_PER_PIECE) }, null, 2);
    yield `${i === 0 ? '' : ','}${run.slice(open.length, run.length - close.length)}`;
  }
  yield `\n  ]${shell.slice(at + slot.length)}\n`;
}
