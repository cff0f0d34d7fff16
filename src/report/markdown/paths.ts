/** Attack paths: threats that follow a route from the internet to sensitive data. */
import { compareSeverityThenId } from '../threat-order.js';
import { STATUS_TEXT, heading, severityText } from './blocks.js';
import { type ReviewContext, escapedOnce, pathText, threatRef } from './context.js';

export function pathsSection(ctx: ReviewContext): string[] {
  const withPath = ctx.result.threats.filter((t) => t.path && t.path.length > 0).sort(compareSeverityThenId);
  const lines = heading(2, 'Attack paths');
  if (withPath.length === 0) return [...lines, 'No attack path from the internet to confidential or restricted data through an unauthenticated or plaintext hop.'];
  withPath.forEach((t, i) => {
    lines.push(`${i + 1}. ${severityText(t.severity)}, ${STATUS_TEXT[t.status]}: ${escapedOnce(ctx, t.title)} (${threatRef(ctx, t)})`);
    lines.push(`   ${pathText(ctx, t.path!)}`);
  });
  return lines;
}
