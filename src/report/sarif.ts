/** `--format sarif`: placeholder until SARIF 2.1.0 output lands. */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';

export function renderSarif(result: AnalysisResult, _verdict: GateVerdict): string {
  return `${JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'ztm' } }, results: result.threats.length ? [] : [] }] }, null, 2)}\n`;
}
