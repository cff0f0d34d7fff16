/** `--format json`: the versioned report (schema: schema/ztm-report-v1.schema.json). */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';

export const REPORT_SCHEMA_ID = 'https://ztm.dev/schema/ztm-report-v1.schema.json';

export function renderJson(result: AnalysisResult, verdict: GateVerdict): string {
  return `${JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...result, gate: verdict }, null, 2)}\n`;
}
