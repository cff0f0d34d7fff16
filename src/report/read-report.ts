/**
 * Reads a JSON report written by `ztm analyze --format json` (for --baseline and
 * `ztm diff`): JSON syntax errors with line and column, then the report schema,
 * with each problem positioned at the offending value.
 */
import { type Diagnostic, InputError } from '../model/diagnostics.js';
import { positionIn } from '../model/source-map.js';
import { parseYaml } from '../model/yaml-source.js';
import { zodDiagnostics } from '../model/zod-diagnostics.js';
import { findJsonSyntaxError, findJsonValue } from './json-position.js';
import { jsonShapeProblem, twiceText } from '../util/json-scan.js';
import { Report, type ReportDoc } from './report-schema.js';
import { safeParseBounded } from '../util/zod.js';
import { whyUnreadable } from '../util/unreadable.js';
import { valueKind } from '../util/value-kind.js';
import { NotAFileError, TooLargeError, notAFileText, readBounded, tooLargeText } from '../util/bounded-read.js';

/**
 * The largest report read: V8 cannot hold a longer string (2^29 - 24 characters).
 * A 50,000-component model's report is about 340 MiB.
 */
export const MAX_REPORT_BYTES = 500 * 1024 * 1024;

/** Levels of lists and mappings a report may nest: its own few, and evidence values recorded from AWS (at most 100). */
export const MAX_REPORT_DEPTH = 128;

const fail = (d: Omit<Diagnostic, 'severity'>): never => {
  throw new InputError([{ severity: 'error', ...d }]);
};

export function readReport(file: string, role: string): ReportDoc {
  let text: string;
  try {
    text = readBounded(file, MAX_REPORT_BYTES).toString('utf8');
  } catch (err) {
    if (err instanceof TooLargeError) return fail({ file, line: 0, column: 0, code: 'too-large', message: `${tooLargeText(err.size, err.limit, `the ${role}`, 'reports')}: expected the output of \`ztm analyze --format json\`` });
    if (err instanceof NotAFileError) return fail({ file, line: 0, column: 0, code: 'not-a-file', message: notAFileText(err.kind, `the ${role}`) });
    return fail({ file, line: 0, column: 0, code: 'unreadable', message: `cannot read the ${role}: ${whyUnreadable(err)}` });
  }
  const shape = jsonShapeProblem(text, MAX_REPORT_DEPTH);
  if (shape?.kind === 'too-deep') return fail({ file, ...positionIn(text, shape.offset), code: 'too-deep', message: `the ${role} nests values more than ${MAX_REPORT_DEPTH} levels deep here; a report of \`ztm analyze --format json\` nests far fewer` });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const problem = findJsonSyntaxError(text) ?? { offset: Number(/at position (\d+)/.exec((err as Error).message)?.[1] ?? 0), message: (err as Error).message };
    const at = positionIn(text, Math.min(problem.offset, text.length));
    return fail({ file, ...at, code: 'invalid-json', message: `the ${role} is not valid JSON: ${problem.message}. It must be a report written by \`ztm analyze --format json\`` });
  }
  if (shape) return fail({ file, ...positionIn(text, shape.offset), code: 'duplicate-key', message: `the ${role} ${twiceText(shape.key, positionIn(text, shape.first).line)}` });
  const isMapping = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isMapping || (value as { version?: unknown }).version !== 1) {
    const version = isMapping ? (value as { version?: unknown }).version : undefined;
    const what = !isMapping
      ? `is ${valueKind(value)}, not a report`
      : version === undefined ? 'has no report version'
        : typeof version === 'number' ? `is report version ${version}, and this ztm reads version 1` : `has a report version that is ${valueKind(version)}, not a number`;
    return fail({ file, line: 1, column: 1, code: 'not-a-report', message: `the ${role} ${what}: expected the output of \`ztm analyze --format json\`` });
  }
  const parsed = safeParseBounded(Report, value);
  if (parsed.success) return withUniqueIds(parsed.data, text, file, role);
  let map;
  try {
    map = parseYaml(file, Buffer.from(text, 'utf8')).map;
  } catch {
    // Text the source map cannot read (nested past its limit, or over its size) is described by path alone.
    return fail({ file, line: 0, column: 0, code: 'invalid-report', message: `the ${role} does not match the report schema: ${unpositioned(parsed.error.issues)}` });
  }
  throw new InputError(zodDiagnostics(file, map, value, parsed.error.issues, Report, 'the report').map((d) => ({ ...d, message: `${role}: ${d.message}` })));
}

/**
 * The report, when no threat id appears twice in it: a baseline or a diff matches threats
 * by id, and a second entry of one id would hide the first (a threat still open counted as
 * mitigated, one threat counted as two new ones).
 */
function withUniqueIds(report: ReportDoc, text: string, file: string, role: string): ReportDoc {
  const first = new Map<string, number>();
  report.threats.forEach((t, i) => {
    const earlier = first.get(t.id);
    if (earlier === undefined) return void first.set(t.id, i);
    const at = (index: number) => positionIn(text, findJsonValue(text, ['threats', index, 'id']) ?? 0);
    fail({ file, ...at(i), code: 'duplicate-threat', message: `the ${role} lists threat ${JSON.stringify(t.id)} twice, first on line ${at(earlier).line}; a report of \`ztm analyze --format json\` lists each threat once, so remove one of them or write the report again` });
  });
  return report;
}

/** The first few schema problems by path (`threats.0: ...`, `(top level): ...`), and how many more. */
function unpositioned(issues: readonly { path: readonly PropertyKey[]; message: string }[], shown = 5): string {
  const listed = issues.slice(0, shown).map((i) => `${i.path.length ? i.path.map(String).join('.') : '(top level)'}: ${i.message}`);
  const more = issues.length - listed.length;
  return `${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}
