/** What every section of the review document reads. */
import type { AnalysisResult, GateVerdict } from '../../analysis/result.js';
import type { Threat } from '../../analysis/threat.js';
import type { ModelGraph } from '../../model/graph.js';
import { escapeMarkdown, markdownId } from '../escape.js';

export interface ReviewContext {
  readonly result: AnalysisResult;
  readonly verdict: GateVerdict;
  /** The model's graph: needed for the diagram, the matrix rows and the perimeter table. */
  readonly graph?: ModelGraph;
}

/** `Display name (`id`)` when the element has a name of its own, else the id. */
export function elementLabel(ctx: ReviewContext, id: string): string {
  const name = ctx.graph?.components.get(id)?.name ?? ctx.graph?.boundaries.get(id)?.name;
  return name !== undefined && name !== id ? `${escapeMarkdown(name)} (${markdownId(id)})` : markdownId(id);
}

/** A short reference to a threat in lists: its id, linked to its entry in the register. */
export function threatRef(t: Pick<Threat, 'id'>): string {
  return `[${markdownId(t.id)}](#${threatAnchor(t.id)})`;
}

/** The anchor of a threat's entry in the register: an explicit, predictable id. */
export function threatAnchor(id: string): string {
  return `threat-${id.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}`;
}
