/** The one line that says why the gate passed or failed. */
import type { GateVerdict } from '../analysis/result.js';
import { shortList } from './short-list.js';

export function gateLine(v: GateVerdict): string {
  const base = v.baselined ? ` (${v.baselined} known from the baseline left out)` : '';
  const drift = v.contradicted.length ? `${v.contradicted.length} declared control${v.contradicted.length === 1 ? '' : 's'} contradicted by the account (${shortList(v.contradicted.map((c) => `${c.control} on ${c.element}`))})` : '';
  if (!v.failed) {
    return v.failOn === 'none' ? `gate: passed (--fail-on none)${base}` : `gate: passed: no open threat at or above ${v.failOn}${base}`;
  }
  const parts: string[] = [];
  if (v.failing.length) {
    parts.push(`${v.failing.length} open threat${v.failing.length === 1 ? '' : 's'} at or above ${v.failOn}: ${shortList(v.failing)}`);
  }
  if (drift) parts.push(drift);
  return `gate: FAILED: ${parts.join('; ')}${base}`;
}
