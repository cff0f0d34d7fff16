/**
 * The threat register: every threat, most severe first. Open, expired and
 * accepted threats are written out in full (statement, evidence, reasoning,
 * fix, references); mitigated threats follow in one table naming the controls
 * that close them, since a reviewer checks those, not their prose (the JSON
 * report keeps their full text).
 */
import { cached } from '../../util/cached.js';
import { CATEGORY_TITLES, type RecommendedControl, type SeverityReasoning, type Threat } from '../../analysis/threat.js';
import type { References } from '../../analysis/threat.js';
import { CONTROLS, isKnownControl } from '../../model/catalog/controls.js';
import { escapeMarkdown, markdownId } from '../escape.js';
import { referenceLinks } from '../references.js';
import { STATUS_TEXT, heading, linesInRuns, link, plural, severityText, tableHead, tableRow } from './blocks.js';
import { threatAnchor } from './anchors.js';
import { type ReviewContext, controlList, elementLabel, escapedOnce, idOnce, pathText } from './context.js';
import { registerOrder } from './register-order.js';

/** The service a control belongs to: the catalog's, or as the rule recommends it for team-specific controls. */
export function serviceOf(control: string, fallback: string): string {
  return isKnownControl(control) ? CONTROLS[control].service : fallback;
}

/** Written once per object: rules share their references and reasoning across their threats. */
function cachedBy<K extends object>(write: (key: K) => string): (key: K) => string {
  const cache = new WeakMap<K, string>();
  return (key) => cached(cache, key, write);
}

const reasoningText = cachedBy((r: SeverityReasoning) => [`likelihood ${r.likelihood}, impact ${r.impact}`, ...r.factors.map(escapeMarkdown)].join('; '));
const referencesLine = cachedBy((refs: References) => referenceLinks(refs).map(link).join(', '));

/** Each threat has recommendations of its own (their text names the element): only the parts that repeat are escaped once. */
function recommendationLine(ctx: ReviewContext, r: RecommendedControl): string {
  return `  - ${escapedOnce(ctx, serviceOf(r.control, r.service))}: ${escapedOnce(ctx, r.feature)} (${idOnce(ctx, r.control)}). ${escapeMarkdown(r.how)}`;
}

function evidenceText(ctx: ReviewContext, evidence: Threat['evidence']): string {
  return evidence.map((e) => `${idOnce(ctx, e.element)} ${escapedOnce(ctx, e.attribute)} = ${evidenceValue(ctx, e.value)}`).join(', ');
}

/** The value as JSON, escaped: once per value for a string, number or boolean (they repeat), each time for a list (a path, mostly). */
function evidenceValue(ctx: ReviewContext, value: unknown): string {
  const json = JSON.stringify(value) ?? 'undefined';
  return typeof value === 'object' && value !== null ? escapeMarkdown(json) : escapedOnce(ctx, json);
}

/**
 * One threat's entry as one string, its lines each ending with a newline, the
 * last of them blank. Each computed field of the threat (statement, evidence,
 * recommendations) is read once.
 */
function entry(ctx: ReviewContext, t: Threat, n: number): string {
  let text = `### <a id="${threatAnchor(ctx, t)}"></a>${n}. ${escapedOnce(ctx, t.title)}\n\n- **Id:** ${markdownId(t.id)}\n- **Element:** ${elementLabel(ctx, t.element)}, ${t.elementKind}\n- **Category:** ${CATEGORY_TITLES[t.category]}\n- **Severity:** ${severityText(t.severity)} (${reasoningText(t.severityReasoning)})\n- **Status:** ${STATUS_TEXT[t.status]}\n`;
  const acceptance = t.acceptance;
  if (acceptance) text += `- **Accepted by:** ${escapeMarkdown(acceptance.by)} until ${escapeMarkdown(acceptance.expires)}: ${escapeMarkdown(acceptance.reason)}\n`;
  text += `- **Threat:** ${escapeMarkdown(t.statement.text)}\n`;
  if (t.path) text += `- **Path:** ${pathText(ctx, t.path)}\n`;
  const evidence = t.evidence;
  if (evidence.length) text += `- **Evidence:** ${evidenceText(ctx, evidence)}\n`;
  text += '- **Recommended AWS controls:**\n';
  for (const r of t.recommendations) text += `${recommendationLine(ctx, r)}\n`;
  const refs = referencesLine(t.references);
  if (refs) text += `- **References:** ${refs}\n`;
  return text;
}

function* mitigatedTable(ctx: ReviewContext, mitigated: readonly Threat[]): Generator<string> {
  yield* heading(3, 'Mitigated threats');
  yield `${plural(mitigated.length, 'threat')} closed by declared controls, most severe first. The JSON report (\`--format json\`) holds each one's statement, evidence and references.`;
  yield '';
  yield* tableHead(['Threat', 'Element', 'Category', 'Severity', 'Mitigated by']);
  yield* linesInRuns(mitigated, (t) => mitigatedRow(ctx, t));
}

function mitigatedRow(ctx: ReviewContext, t: Threat): string {
  return tableRow([`<a id="${threatAnchor(ctx, t)}"></a>${markdownId(t.id)}`, elementLabel(ctx, t.element), CATEGORY_TITLES[t.category], t.severity, controlList(ctx, t.mitigatedBy)]);
}

export function* registerSection(ctx: ReviewContext): Generator<string> {
  const threats = registerOrder(ctx);
  yield* heading(2, 'Threat register');
  if (threats.length === 0) {
    yield 'No threats found.';
    return;
  }
  const written = threats.filter((t) => t.status !== 'mitigated');
  yield* linesInRuns(written, (t, i) => entry(ctx, t, i + 1));
  const mitigated = threats.filter((t) => t.status === 'mitigated');
  if (mitigated.length > 0) yield* mitigatedTable(ctx, mitigated);
}
