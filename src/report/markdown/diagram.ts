/**
 * The data-flow diagram as a Mermaid block, elements with open high/critical
 * threats flagged; folded to trust boundaries when the model is larger than
 * Mermaid draws (see mermaid-overview.ts).
 */
import { isOpen, severityRank } from '../../analysis/threat.js';
import { renderDataFlowDiagram } from '../mermaid.js';
import { MERMAID_LIMITS, fitsMermaid, renderBoundaryOverview } from '../mermaid-overview.js';
import { heading, plural } from './blocks.js';
import type { ReviewContext } from './context.js';
import { thousands } from '../../util/thousands.js';

/** Component ids and flow names that carry an open high or critical threat. */
export function flaggedElements(ctx: ReviewContext): Set<string> {
  return new Set(ctx.result.threats.filter((t) => isOpen(t.status) && severityRank(t.severity) >= severityRank('high')).map((t) => t.element));
}

const LEGEND = 'Rectangles are external entities, stadiums processes, cylinders data stores; dashed arrows are plaintext, dashed boxes untrusted boundaries. Elements with open high or critical threats are drawn in red.';

function block(text: string): string[] {
  return ['```mermaid', text.trimEnd(), '```'];
}

export function diagramSection(ctx: ReviewContext): string[] {
  const graph = ctx.graph;
  if (!graph) return [];
  const flagged = flaggedElements(ctx);
  const lines = heading(2, 'Data-flow diagram');
  // The full diagram is only drawn when its flows alone fit; its text is checked once drawn.
  const full = graph.flows.length <= MERMAID_LIMITS.maxEdges ? renderDataFlowDiagram(graph, { flagged }) : undefined;
  if (full !== undefined && fitsMermaid(full, graph.flows.length)) return [...lines, LEGEND, '', ...block(full)];
  const size = `${plural(graph.components.size, 'component')} and ${plural(graph.flows.length, 'flow')}`;
  const limits = `Mermaid draws at most ${MERMAID_LIMITS.maxEdges} arrows and ${thousands(MERMAID_LIMITS.maxTextSize)} characters`;
  const overview = renderBoundaryOverview(graph, flagged);
  if (!overview) return [...lines, `The model has ${size}, and even its top-level trust boundaries make a diagram larger than Mermaid draws (${limits}). The STRIDE-per-element table below lists every element.`];
  return [
    ...lines,
    `The model has ${size}, more than one diagram can show (${limits}). This overview folds trust boundaries nested deeper than level ${overview.depth} into their ancestor: each node counts the components a boundary holds, each arrow the flows between two such nodes. ${LEGEND}`,
    '',
    ...block(overview.text),
  ];
}
