/** The one line that says why the gate passed or failed. */
import type { GateVerdict } from '../analysis/result.js';

export function gateLine(v: GateVerdict): string {
  const base = v.baselined ? ` (${v.baselined} known from the baseline left out)` : '';
  const drift = v.contradicted.length ? `${v.contradicted.length} declared control${v.contradicted.length === 1 ? '' : 's'} contradicted by the account (${v.contradicted.map((c) => `${c.control} on ${c.element}`).join(', ')})` : '';
  if (!v.failed) {
    return v.failOn === 'none' ? `gate: passed (--fail-on none)${base}` : `gate: passed: no open threat at or above ${v.failOn}${base}`;
  }
  const parts: string[] = [];
  if (v.failing.length) {
    const shown = v.failing.slice(0, 10).join(', ');
    const more = v.failing.length > 10 ? `, and ${v.failing.length - 10} more` : '';
    parts.push(`${v.failing.length} open threat${v.failing.length === 1 ? '' : 's'} at or above ${v.failOn}: ${shown}${more}`);
  }
  if (drift) parts.push(drift);
  return `gate: FAILED: ${parts.join('; ')}${base}`;
}
