/** The data-flow diagram as a Mermaid block, elements with open high/critical threats flagged. */
import { isOpen, severityRank } from '../../analysis/threat.js';
import { renderDataFlowDiagram } from '../mermaid.js';
import { heading } from './blocks.js';
import type { ReviewContext } from './context.js';

/** Component ids and flow names that carry an open high or critical threat. */
export function flaggedElements(ctx: ReviewContext): Set<string> {
  return new Set(ctx.result.threats.filter((t) => isOpen(t.status) && severityRank(t.severity) >= severityRank('high')).map((t) => t.element));
}

export function diagramSection(ctx: ReviewContext): string[] {
  if (!ctx.graph) return [];
  return [
    ...heading(2, 'Data-flow diagram'),
    'Rectangles are external entities, stadiums processes, cylinders data stores; dashed arrows are plaintext, dashed boxes untrusted boundaries. Elements with open high or critical threats are drawn in red.',
    '',
    '```mermaid',
    renderDataFlowDiagram(ctx.graph, { flagged: flaggedElements(ctx) }).trimEnd(),
    '```',
  ];
}
