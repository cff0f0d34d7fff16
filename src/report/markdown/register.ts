/**
 * The threat register: every threat, most severe first. Open, expired and
 * accepted threats are written out in full (statement, evidence, reasoning,
 * fix, references); mitigated threats follow in one table naming the controls
 * that close them, since a reviewer checks those, not their prose (the JSON
 * report keeps their full text).
 */
import { CATEGORY_TITLES, type RecommendedControl, STATUSES, type SeverityReasoning, type Threat, severityRank } from '../../analysis/threat.js';
import type { References } from '../../analysis/threat.js';
import { CONTROLS, isKnownControl } from '../../model/catalog/controls.js';
import { escapeMarkdown, markdownId } from '../escape.js';
import { referenceLinks } from '../references.js';
import { compareText } from '../threat-order.js';
import { STATUS_TEXT, heading, link, plural, severityText, table } from './blocks.js';
import { type ReviewContext, elementLabel, threatAnchor } from './context.js';

/** Severity, then open before accepted before mitigated, then id. */
export function compareForRegister(a: Threat, b: Threat): number {
  return severityRank(b.severity) - severityRank(a.severity) || STATUSES.indexOf(a.status) - STATUSES.indexOf(b.status) || compareText(a.id, b.id);
}

/** The service a control belongs to: the catalog's, or as the rule recommends it for team-specific controls. */
export function serviceOf(control: string, fallback: string): string {
  return isKnownControl(control) ? CONTROLS[control].service : fallback;
}

/** Written once per object: rules share their references, recommendations and reasoning across their threats. */
function cachedBy<K extends object>(write: (key: K) => string): (key: K) => string {
  const cache = new WeakMap<K, string>();
  return (key) => {
    let text = cache.get(key);
    if (text === undefined) cache.set(key, (text = write(key)));
    return text;
  };
}

const reasoningText = cachedBy((r: SeverityReasoning) => [`likelihood ${r.likelihood}, impact ${r.impact}`, ...r.factors.map(escapeMarkdown)].join('; '));
const recommendationLine = cachedBy((r: RecommendedControl) => `  - ${escapeMarkdown(serviceOf(r.control, r.service))}: ${escapeMarkdown(r.feature)} (${markdownId(r.control)}). ${escapeMarkdown(r.how)}`);
const referencesLine = cachedBy((refs: References) => referenceLinks(refs).map(link).join(', '));

function evidence(t: Threat): string {
  return t.evidence.map((e) => `${markdownId(e.element)} ${escapeMarkdown(e.attribute)} = ${escapeMarkdown(JSON.stringify(e.value) ?? 'undefined')}`).join(', ');
}

/** One threat's entry, as one string: thousands of entries hold less than thousands of lines each. */
function entry(ctx: ReviewContext, t: Threat, n: number): string {
  const lines = [
    `### <a id="${threatAnchor(t.id)}"></a>${n}. ${escapeMarkdown(t.title)}`,
    '',
    `- **Id:** ${markdownId(t.id)}`,
    `- **Element:** ${elementLabel(ctx, t.element)}, ${t.elementKind}`,
    `- **Category:** ${CATEGORY_TITLES[t.category]}`,
    `- **Severity:** ${severityText(t.severity)} (${reasoningText(t.severityReasoning)})`,
    `- **Status:** ${STATUS_TEXT[t.status]}`,
  ];
  if (t.acceptance) lines.push(`- **Accepted by:** ${escapeMarkdown(t.acceptance.by)} until ${escapeMarkdown(t.acceptance.expires)}: ${escapeMarkdown(t.acceptance.reason)}`);
  lines.push(`- **Threat:** ${escapeMarkdown(t.statement.text)}`);
  if (t.path) lines.push(`- **Path:** ${t.path.map(escapeMarkdown).join(' → ')}`);
  if (t.evidence.length) lines.push(`- **Evidence:** ${evidence(t)}`);
  lines.push('- **Recommended AWS controls:**');
  for (const r of t.recommendations) lines.push(recommendationLine(r));
  const refs = referencesLine(t.references);
  if (refs) lines.push(`- **References:** ${refs}`);
  lines.push('');
  return lines.join('\n');
}

function mitigatedTable(ctx: ReviewContext, threats: readonly Threat[]): string[] {
  const rows = threats.map((t) => [
    `<a id="${threatAnchor(t.id)}"></a>${markdownId(t.id)}`,
    elementLabel(ctx, t.element),
    CATEGORY_TITLES[t.category],
    t.severity,
    t.mitigatedBy.map(markdownId).join(', '),
  ]);
  return [
    ...heading(3, 'Mitigated threats'),
    `${plural(threats.length, 'threat')} closed by declared controls, most severe first. The JSON report (\`--format json\`) holds each one's statement, evidence and references.`,
    '',
    ...table(['Threat', 'Element', 'Category', 'Severity', 'Mitigated by'], rows),
  ];
}

export function registerSection(ctx: ReviewContext): string[] {
  const threats = [...ctx.result.threats].sort(compareForRegister);
  const lines = heading(2, 'Threat register');
  if (threats.length === 0) return [...lines, 'No threats found.'];
  const mitigated = threats.filter((t) => t.status === 'mitigated');
  let n = 0;
  for (const t of threats) if (t.status !== 'mitigated') lines.push(entry(ctx, t, ++n));
  return mitigated.length > 0 ? lines.concat(mitigatedTable(ctx, mitigated)) : lines;
}
