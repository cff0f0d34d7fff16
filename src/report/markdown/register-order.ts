/** The register's order of threats, worked out once per document: the register and the control checklist both walk it. */
import { SEVERITIES, STATUSES, type Severity, type Status, type Threat } from '../../analysis/threat.js';
import { compareText } from '../threat-order.js';
import type { ReviewContext } from './context.js';

/** A threat's bucket is the sum of its severity's and its status's numbers. */
const SEVERITY_BUCKET = Object.fromEntries(SEVERITIES.map((s, i) => [s, i * STATUSES.length])) as Record<Severity, number>;
const STATUS_BUCKET = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<Status, number>;

const byId = (a: Threat, b: Threat): number => compareText(a.id, b.id);

/**
 * Every threat, most severe first, then open before accepted before mitigated
 * (the order of STATUSES), then by id. Threats fall into one bucket per
 * severity and status, in that order, and each bucket is sorted by id.
 */
export function registerOrder(ctx: ReviewContext): readonly Threat[] {
  const memo = ctx.memo;
  if (memo.registerOrder) return memo.registerOrder;
  const buckets: Threat[][] = Array.from({ length: SEVERITIES.length * STATUSES.length }, () => []);
  for (const t of ctx.result.threats) buckets[SEVERITY_BUCKET[t.severity] + STATUS_BUCKET[t.status]]!.push(t);
  const ordered: Threat[] = [];
  for (const bucket of buckets) for (const t of bucket.sort(byId)) ordered.push(t);
  return (memo.registerOrder = ordered);
}
