/** The threat register: every threat, most severe first, with its reasoning, fix and references. */
import { CATEGORY_TITLES, STATUSES, type Threat, severityRank } from '../../analysis/threat.js';
import { CONTROLS, isKnownControl } from '../../model/catalog/controls.js';
import { escapeMarkdown, markdownId } from '../escape.js';
import { referenceLinks } from '../references.js';
import { compareText } from '../threat-order.js';
import { STATUS_TEXT, heading, link, severityText } from './blocks.js';
import { type ReviewContext, elementLabel, threatAnchor } from './context.js';

/** Severity, then open before accepted before mitigated, then id. */
export function compareForRegister(a: Threat, b: Threat): number {
  return severityRank(b.severity) - severityRank(a.severity) || STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || compareText(a.id, b.id);
}

/** The service a control belongs to: the catalog's, or as the rule recommends it for team-specific controls. */
export function serviceOf(control: string, fallback: string): string {
  return isKnownControl(control) ? CONTROLS[control].service : fallback;
}

function severityReasoning(t: Threat): string {
  const r = t.severityReasoning;
  return [`likelihood ${r.likelihood}, impact ${r.impact}`, ...r.factors.map(escapeMarkdown)].join('; ');
}

function evidence(t: Threat): string {
  return t.evidence.map((e) => `${markdownId(e.element)} ${escapeMarkdown(e.attribute)} = ${escapeMarkdown(JSON.stringify(e.value) ?? 'undefined')}`).join(', ');
}

function entry(ctx: ReviewContext, t: Threat, n: number): string[] {
  const refs = referenceLinks(t.references);
  const status = t.status === 'mitigated' && t.mitigatedBy.length ? `${STATUS_TEXT[t.status]} by ${t.mitigatedBy.map(markdownId).join(', ')}` : STATUS_TEXT[t.status];
  const lines = [
    `### <a id="${threatAnchor(t.id)}"></a>${n}. ${escapeMarkdown(t.title)}`,
    '',
    `- **Id:** ${markdownId(t.id)}`,
    `- **Element:** ${elementLabel(ctx, t.element)}, ${t.elementKind}`,
    `- **Category:** ${CATEGORY_TITLES[t.category]}`,
    `- **Severity:** ${severityText(t.severity)} (${severityReasoning(t)})`,
    `- **Status:** ${status}`,
  ];
  if (t.acceptance) lines.push(`- **Accepted by:** ${escapeMarkdown(t.acceptance.by)} until ${escapeMarkdown(t.acceptance.expires)}: ${escapeMarkdown(t.acceptance.reason)}`);
  lines.push(`- **Threat:** ${escapeMarkdown(t.statement.text)}`);
  if (t.path) lines.push(`- **Path:** ${t.path.map(escapeMarkdown).join(' → ')}`);
  if (t.evidence.length) lines.push(`- **Evidence:** ${evidence(t)}`);
  lines.push('- **Recommended AWS controls:**');
  for (const r of t.recommendations) lines.push(`  - ${escapeMarkdown(serviceOf(r.control, r.service))}: ${escapeMarkdown(r.feature)} (${markdownId(r.control)}). ${escapeMarkdown(r.how)}`);
  if (refs.length) lines.push(`- **References:** ${refs.map(link).join(', ')}`);
  return lines;
}

export function registerSection(ctx: ReviewContext): string[] {
  const threats = [...ctx.result.threats].sort(compareForRegister);
  const lines = heading(2, 'Threat register');
  if (threats.length === 0) return [...lines, 'No threats found.'];
  threats.forEach((t, i) => lines.push(...entry(ctx, t, i + 1), ''));
  return lines;
}
