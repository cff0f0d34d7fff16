/**
 * Reads a JSON report written by `ztm analyze --format json` (for --baseline and
 * `ztm diff`): JSON syntax errors with line and column, then the report schema,
 * with each problem positioned at the offending value.
 */
import { readFileSync } from 'node:fs';
import { type Diagnostic, InputError } from '../model/diagnostics.js';
import { keysAt } from '../model/schema-keys.js';
import { positionIn } from '../model/source-map.js';
import { parseYaml } from '../model/yaml-source.js';
import { zodDiagnostics } from '../model/zod-diagnostics.js';
import { findJsonSyntaxError } from './json-position.js';
import { Report, type ReportDoc } from './report-schema.js';
import { whyUnreadable } from '../util/unreadable.js';

const fail = (d: Omit<Diagnostic, 'severity'>): never => {
  throw new InputError([{ severity: 'error', ...d }]);
};

export function readReport(file: string, role: string): ReportDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail({ file, line: 0, column: 0, code: 'unreadable', message: `cannot read the ${role}: ${whyUnreadable(err)}` });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const problem = findJsonSyntaxError(text) ?? { offset: Number(/at position (\d+)/.exec((err as Error).message)?.[1] ?? 0), message: (err as Error).message };
    const at = positionIn(text, Math.min(problem.offset, text.length));
    return fail({ file, ...at, code: 'invalid-json', message: `the ${role} is not valid JSON: ${problem.message}. It must be a report written by \`ztm analyze --format json\`` });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value) || (value as { version?: unknown }).version !== 1) {
    const version = value !== null && typeof value === 'object' ? (value as { version?: unknown }).version : undefined;
    const what = version === undefined ? 'has no report version' : `is report version ${JSON.stringify(version)}, and this ztm reads version 1`;
    return fail({ file, line: 1, column: 1, code: 'not-a-report', message: `the ${role} ${what}: expected the output of \`ztm analyze --format json\`` });
  }
  const parsed = Report.safeParse(value);
  if (parsed.success) return parsed.data;
  let map;
  try {
    map = parseYaml(file, Buffer.from(text, 'utf8')).map;
  } catch {
    return fail({ file, line: 0, column: 0, code: 'invalid-report', message: `the ${role} does not match the report schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
  }
  throw new InputError(zodDiagnostics(file, map, value, parsed.error.issues, (p) => keysAt(Report, p), 'the report').map((d) => ({ ...d, message: `${role}: ${d.message}` })));
}
