/** Accepted risks, and the model's assumptions and what it leaves out of scope. */
import { escapeMarkdown } from '../escape.js';
import { compareText } from '../threat-order.js';
import { STATUS_TEXT, heading, table } from './blocks.js';
import { type ReviewContext, elementLabel, threatRef } from './context.js';

export function acceptancesSection(ctx: ReviewContext): string[] {
  const accepted = ctx.result.threats.filter((t) => t.acceptance).sort((a, b) => compareText(a.acceptance!.expires, b.acceptance!.expires) || compareText(a.id, b.id));
  const lines = heading(2, 'Accepted risks');
  if (accepted.length === 0) return [...lines, 'None.'];
  const rows = accepted.map((t) => {
    const a = t.acceptance!;
    return [threatRef(ctx, t), elementLabel(ctx, t.element), t.severity, escapeMarkdown(a.by), escapeMarkdown(a.reason), escapeMarkdown(a.expires), STATUS_TEXT[t.status], a.ticket !== undefined ? escapeMarkdown(a.ticket) : '·'];
  });
  return [...lines, ...table(['Threat', 'Element', 'Severity', 'Owner', 'Reason', 'Expires', 'Status', 'Ticket'], rows)];
}

function list(items: readonly string[], none: string): string[] {
  return items.length ? items.map((s) => `- ${escapeMarkdown(s)}`) : [none];
}

export function assumptionsSection({ result }: ReviewContext): string[] {
  return [
    ...heading(2, 'Assumptions'),
    ...list(result.model.assumptions, '_None stated in the model._'),
    '',
    ...heading(2, 'Out of scope'),
    ...list(result.model.outOfScope, '_None stated in the model._'),
  ];
}

