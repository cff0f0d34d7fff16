/** Shared by the report tests: run ztm on a fixture and parse what it prints. */
import { readdirSync } from 'node:fs';
import { type RunResult, fixture, runZtm } from '../helpers/cli.js';

export const VALID = readdirSync(fixture('valid')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `fixtures/valid/${f}`);
export const HOSTILE = 'fixtures/hostile/hostile-names.yaml';
/** Custom rules with known outcomes; with --no-builtin-rules the tests do not depend on the growing catalog. */
export const TEST_RULES = ['--no-builtin-rules', '--rules', 'test/data/rules'];

export function analyze(model: string, format: string, ...extra: string[]): RunResult {
  return runZtm(['analyze', model, '--format', format, '--fail-on', 'none', ...extra]);
}

export interface JsonThreat {
  id: string;
  rule: string;
  element: string;
  severity: string;
  status: string;
  title: string;
  path?: string[];
  location: { file: string; line: number; column: number };
  severityReasoning: { factors: string[] };
}

export function jsonReport(model: string, ...extra: string[]): { threats: JsonThreat[]; gate: Record<string, unknown> } & Record<string, unknown> {
  const r = analyze(model, 'json', ...extra);
  if (r.code !== 0) throw new Error(`analyze ${model} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export const isOpen = (t: { status: string }) => t.status === 'open' || t.status === 'acceptance-expired';
