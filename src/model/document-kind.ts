/**
 * The kinds of file ztm reads, told apart by the key each opens with, so that a
 * file given in the wrong place gets one message saying what it is instead of
 * one error per key. A file with both a model's and a rule file's key is
 * neither: its schema says what is wrong.
 */
export type DocumentKind = 'model' | 'rule file' | 'report';

/** The `$schema` of a JSON report of any version (src/report/json.ts writes it). */
const ZTM_REPORT_SCHEMA = /^https:\/\/ztm\.dev\/schema\/ztm-report-v\d+\.schema\.json$/;

/** What a parsed file says it is, and the key that says so. */
export function documentKind(value: unknown): { kind: DocumentKind; key: string } | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const model = Object.hasOwn(value, 'ztm');
  const rules = Object.hasOwn(value, 'ztm-rules');
  if (model !== rules) return model ? { kind: 'model', key: 'ztm' } : { kind: 'rule file', key: 'ztm-rules' };
  if (model) return undefined;
  const schema = Object.hasOwn(value, '$schema') ? (value as Record<string, unknown>).$schema : undefined;
  return typeof schema === 'string' && ZTM_REPORT_SCHEMA.test(schema) ? { kind: 'report', key: '$schema' } : undefined;
}
