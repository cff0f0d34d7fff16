/**
 * The data-flow diagram of a model as Mermaid flowchart source, for the design
 * review document: trust boundaries as nested subgraphs, components shaped by
 * their STRIDE element type, flows as labelled arrows (dashed when plaintext),
 * and elements with open high/critical threats drawn in red.
 *
 * Deterministic (everything sorted by id) and safe for hostile names: Mermaid
 * ids are generated (`c1`, `b1`), never taken from the model, and every label
 * goes through escapeMermaidLabel.
 */
import { groupBy } from '../util/group-by.js';
import type { ElementType } from '../model/catalog/kinds.js';
import type { BoundaryNode, ComponentNode, FlowNode, ModelGraph } from '../model/graph.js';
import { compareText } from '../util/compare.js';
import { escapeMermaidLabel } from './escape.js';

export interface DataFlowDiagramOptions {
  /** Component ids and flow names (`from->to`, or the flow's id) with open high/critical threats. */
  readonly flagged?: ReadonlySet<string>;
}

export const INDENT = '  ';

/** Opening and closing brackets of each STRIDE element type's node shape. */
export const SHAPES: Record<ElementType, readonly [string, string]> = {
  'external-entity': ['[', ']'], // rectangle
  process: ['([', '])'], // stadium
  'data-store': ['[(', ')]'], // cylinder
};

export const ELEMENT_CLASSES: Record<ElementType, string> = {
  'external-entity': 'external',
  process: 'process',
  'data-store': 'store',
};

export const FLAGGED_STROKE = 'stroke:#d00,stroke-width:3px';

export const LEGEND = [
  '%% Legend: rectangle = external entity, stadium = process, cylinder = data store.',
  '%% Solid arrow = encrypted in transit, dashed arrow = plaintext.',
  '%% Dashed orange boundary = untrusted zone. Red = open high or critical threats.',
];

export const CLASS_DEFS = [
  'classDef external fill:#f7f7f7,stroke:#555',
  'classDef process fill:#eaf2fb,stroke:#2b6cb0',
  'classDef store fill:#edf7ed,stroke:#2f855a',
  'classDef untrusted fill:#fff8f0,stroke:#c05621,stroke-dasharray:6 4',
  `classDef flagged ${FLAGGED_STROKE},color:#900`,
];

export function renderDataFlowDiagram(graph: ModelGraph, options: DataFlowDiagramOptions = {}): string {
  const flagged = options.flagged ?? new Set<string>();
  const layout = layOut(graph);
  const lines = ['flowchart LR'];
  renderScope(layout, undefined, 1, lines);
  for (const flow of layout.flows) lines.push(renderFlow(layout, flow));
  for (const line of [...LEGEND, ...CLASS_DEFS]) lines.push(line);
  for (const line of renderClasses(layout, flagged)) lines.push(line);
  for (const line of renderFlaggedFlows(layout, flagged)) lines.push(line);
  return `${lines.join('\n')}\n`;
}

/** The graph in drawing order, with the generated Mermaid id of every component and boundary. */
interface Layout {
  readonly components: readonly ComponentNode[];
  readonly boundaries: readonly BoundaryNode[];
  /** In the order they are drawn: a flow's position is its `linkStyle` index. */
  readonly flows: readonly FlowNode[];
  readonly nodeId: ReadonlyMap<ComponentNode, string>;
  readonly subgraphId: ReadonlyMap<BoundaryNode, string>;
  /** What each boundary (undefined: the top level) holds directly, in drawing order. */
  readonly componentsIn: ReadonlyMap<BoundaryNode | undefined, readonly ComponentNode[]>;
  readonly boundariesIn: ReadonlyMap<BoundaryNode | undefined, readonly BoundaryNode[]>;
}

function layOut(graph: ModelGraph): Layout {
  const components = [...graph.components.values()].sort((a, b) => compareText(a.id, b.id));
  const boundaries = [...graph.boundaries.values()].sort((a, b) => compareText(a.id, b.id));
  const flows = [...graph.flows].sort(compareFlows);
  return {
    components,
    boundaries,
    flows,
    nodeId: numberedIds(components, 'c'),
    subgraphId: numberedIds(boundaries, 'b'),
    componentsIn: groupBy(components, (c) => c.boundary),
    boundariesIn: groupBy(boundaries, (b) => b.parent),
  };
}

export function compareFlows(a: FlowNode, b: FlowNode): number {
  return compareText(a.from.id, b.from.id) || compareText(a.to.id, b.to.id) || compareText(a.name, b.name);
}

function numberedIds<T>(items: readonly T[], prefix: string): Map<T, string> {
  return new Map(items.map((item, i) => [item, `${prefix}${i + 1}`]));
}

/** The components and boundaries directly inside `parent` (the top level when undefined), boundaries nested. */
function renderScope(layout: Layout, parent: BoundaryNode | undefined, depth: number, lines: string[]): void {
  const indent = INDENT.repeat(depth);
  for (const c of layout.componentsIn.get(parent) ?? []) lines.push(indent + renderNode(layout, c));
  for (const boundary of layout.boundariesIn.get(parent) ?? []) {
    lines.push(`${indent}subgraph ${layout.subgraphId.get(boundary)}["${escapeMermaidLabel(boundary.name)}"]`);
    renderScope(layout, boundary, depth + 1, lines);
    lines.push(`${indent}end`);
  }
}

function renderNode(layout: Layout, component: ComponentNode): string {
  const [open, close] = SHAPES[component.element];
  return `${layout.nodeId.get(component)}${open}"${escapeMermaidLabel(component.name)}"${close}`;
}

function renderFlow(layout: Layout, flow: FlowNode): string {
  const arrow = flow.encrypted ? '-->' : '-.->';
  const label = escapeMermaidLabel(flowLabel(flow));
  return `${INDENT}${layout.nodeId.get(flow.from)} ${arrow}|"${label}"| ${layout.nodeId.get(flow.to)}`;
}

/** `https / cognito`, `http / no auth / ⚠ plaintext`. */
export function flowLabel(flow: FlowNode): string {
  const parts: string[] = [flow.def.protocol, flow.auth === 'none' ? 'no auth' : flow.auth];
  if (!flow.encrypted) parts.push('⚠ plaintext');
  return parts.join(' / ');
}

/** `class c1,c2 process` lines: one per class, `flagged` last so its red border wins. */
export function classLines(byClass: ReadonlyMap<string, readonly string[]>): string[] {
  return [...byClass].map(([cls, ids]) => `class ${ids.join(',')} ${cls}`);
}

function renderClasses(layout: Layout, flagged: ReadonlySet<string>): string[] {
  const byClass = new Map<string, string[]>();
  const add = (cls: string, id: string | undefined): void => {
    if (id === undefined) return;
    const ids = byClass.get(cls);
    if (ids) ids.push(id);
    else byClass.set(cls, [id]);
  };
  for (const c of layout.components) add(ELEMENT_CLASSES[c.element], layout.nodeId.get(c));
  for (const b of layout.boundaries) if (b.untrusted) add('untrusted', layout.subgraphId.get(b));
  for (const c of layout.components) if (flagged.has(c.id)) add('flagged', layout.nodeId.get(c));
  return classLines(byClass);
}

function renderFlaggedFlows(layout: Layout, flagged: ReadonlySet<string>): string[] {
  const indexes = layout.flows.flatMap((flow, i) => (isFlaggedFlow(flow, flagged) ? [i] : []));
  return indexes.length > 0 ? [`linkStyle ${indexes.join(',')} ${FLAGGED_STROKE}`] : [];
}

/** By its name, or by `from->to` when the flow has an id of its own. */
export function isFlaggedFlow(flow: FlowNode, flagged: ReadonlySet<string>): boolean {
  return flagged.has(flow.name) || flagged.has(`${flow.from.id}->${flow.to.id}`);
}
