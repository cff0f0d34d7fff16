/** What every section of the review document reads, with the labels and links it repeats, each written once. */
import { cached } from '../../util/cached.js';
import type { AnalysisResult, GateVerdict } from '../../analysis/result.js';
import type { Threat } from '../../analysis/threat.js';
import type { ModelGraph } from '../../model/graph.js';
import { escapeMarkdown, markdownId } from '../escape.js';
import { threatAnchor } from './anchors.js';

export interface ReviewContext {
  readonly result: AnalysisResult;
  readonly verdict: GateVerdict;
  /** The model's graph: needed for the diagram, the matrix rows and the perimeter table. */
  readonly graph?: ModelGraph;
  /** What the sections share, each worked out once: large models name the same element thousands of times. */
  readonly memo: ReviewMemo;
}

interface ReviewMemo {
  /** Labels of elements that threats name, by element id. */
  readonly labels: Map<string, string>;
  /** Threat links, by threat id. */
  readonly refs: Map<string, string>;
  /** Rule ids and element ids as parts of anchors (see anchors.ts). */
  readonly anchorParts: Map<string, string>;
  /** Ids that repeat (controls, evidence elements) as markdownId writes them. */
  readonly ids: Map<string, string>;
  /** Model text that repeats (titles, element names along paths, severity factors), escaped. */
  readonly text: Map<string, string>;
  /** Every threat in the register's order (see register-order.ts). */
  registerOrder?: readonly Threat[];
}

export function reviewContext(result: AnalysisResult, verdict: GateVerdict, graph?: ModelGraph): ReviewContext {
  return { result, verdict, ...(graph ? { graph } : {}), memo: { labels: new Map(), refs: new Map(), anchorParts: new Map(), ids: new Map(), text: new Map() } };
}

/** `Display name (`id`)` when the element has a name of its own, else the id: kept, since threats name their element several times. */
export function elementLabel(ctx: ReviewContext, id: string): string {
  return cached(ctx.memo.labels, id, (e) => labelOf(ctx, e));
}

/** The label of an element the document names once (a row of the STRIDE matrix without threats), not kept. */
export function labelOf(ctx: ReviewContext, id: string): string {
  const name = ctx.graph?.components.get(id)?.name ?? ctx.graph?.boundaries.get(id)?.name;
  return name === undefined || name === id ? markdownId(id) : `${escapeMarkdown(name)} (${markdownId(id)})`;
}

/** escapeMarkdown of text the document repeats, escaped once. */
export function escapedOnce(ctx: ReviewContext, text: string): string {
  return cached(ctx.memo.text, text, escapeMarkdown);
}

/** markdownId of an id the document repeats, written once. */
export function idOnce(ctx: ReviewContext, id: string): string {
  return cached(ctx.memo.ids, id, markdownId);
}

/** Control ids, comma-separated. */
export function controlList(ctx: ReviewContext, controls: readonly string[]): string {
  if (controls.length === 1) return idOnce(ctx, controls[0]!);
  return controls.map((c) => idOnce(ctx, c)).join(', ');
}

/** An attack path's element names, entry first, joined by arrows. */
export function pathText(ctx: ReviewContext, path: readonly string[]): string {
  return path.map((name) => escapedOnce(ctx, name)).join(' → ');
}

/** A short reference to a threat in lists: its id, linked to its entry in the register. */
export function threatRef(ctx: ReviewContext, t: Pick<Threat, 'id' | 'rule' | 'element'>): string {
  return cached(ctx.memo.refs, t.id, (id) => `[${markdownId(id)}](#${threatAnchor(ctx, t)})`);
}

/**
 * How many threats a cross-reference list (a pillar's open threats, a control's
 * missing places) names before it points to the register for the rest: the
 * register and the JSON report hold every threat, and a list of thousands of
 * links reads as nothing.
 */
export const LIST_LIMIT = 25;

/** The first LIST_LIMIT items, and a line saying how many more the register holds. */
export function capped<T>(items: readonly T[], more: (n: number) => string): { shown: readonly T[]; rest?: string } {
  if (items.length <= LIST_LIMIT) return { shown: items };
  return { shown: items.slice(0, LIST_LIMIT), rest: more(items.length - LIST_LIMIT) };
}
