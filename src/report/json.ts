/** `--format json`: the versioned report (schema: schema/ztm-report-v1.schema.json). */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import { inertJson } from './escape.js';
import { threatEscape } from './plain-text.js';
import { joinText } from './report-text.js';

export const REPORT_SCHEMA_ID = 'https://ztm.dev/schema/ztm-report-v1.schema.json';

/** The report as one string (small reports, tests). */
export function renderJson(result: AnalysisResult, verdict: GateVerdict): string {
  return joinText(jsonReport(result, verdict));
}

export interface JsonOptions {
  /** The threats' text is known to need no escape (see plain-text.ts): their pieces are left as JSON.stringify wrote them. */
  readonly plainThreats?: boolean;
}


/**
 * The report: `JSON.stringify(report, null, 2)` with one difference, each threat
 * written on a line of its own (`JSON.stringify(threat)`, four spaces in). A
 * reviewer's `diff` of two reports then shows a changed threat as one changed
 * line, `grep` finds a threat with everything it carries, the file is a quarter
 * smaller, and it is written a fifth faster. The report without its threats is
 * written first; its top-level `"threats": []` is then the only text at two
 * spaces of indentation with that key (nested keys are indented further, and a
 * string value never holds a raw newline), and the threat lines go in its place.
 *
 * Each threat's text is a piece of its own, and so is the line break before it:
 * a string JSON.stringify returns is flat, and encoding flat strings to UTF-8 is
 * several times faster than encoding strings joined with `+` (which V8 keeps as
 * trees of parts until they are read). Writers regroup the pieces (batched,
 * utf8Batches).
 *
 * Every character a terminal acts on that JSON.stringify leaves as it is (C1
 * controls, bidi overrides, line separators) is written as a `\uXXXX` escape
 * (inertJson): the same value, inert on a screen.
 */
export function* jsonReport(result: AnalysisResult, verdict: GateVerdict, options: JsonOptions = {}): Generator<string> {
  const inert = threatEscape(options.plainThreats);
  const shell = inertJson(JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...result, threats: [], gate: verdict }, null, 2));
  const slot = '\n  "threats": []';
  const at = shell.indexOf(slot);
  if (at < 0) throw new Error('the JSON report has no top-level threats key');
  const { threats } = result;
  if (threats.length === 0) {
    yield `${shell}\n`;
    return;
  }
  yield `${shell.slice(0, at)}\n  "threats": [`;
  for (let i = 0; i < threats.length; i++) {
    yield i === 0 ? '\n    ' : ',\n    ';
    yield inert(JSON.stringify(threats[i]));
  }
  yield `\n  ]${shell.slice(at + slot.length)}\n`;
}
