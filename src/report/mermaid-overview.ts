/**
 * The data-flow diagram folded to trust boundaries, for models larger than
 * Mermaid draws. GitHub and most viewers render Mermaid with its defaults,
 * which refuse a diagram of more than 500 edges or 50,000 characters; a model
 * of a few hundred components passes both. Past them, each boundary down to a
 * chosen depth keeps its subgraph, the components it holds (directly or
 * deeper) become one counted node, and flows between two such nodes become
 * one arrow: solid or dashed (plaintext), with the number of flows and of
 * unauthenticated ones; flows inside one node are counted in its label.
 * The deepest depth that fits is drawn.
 */
import type { ElementType } from '../model/catalog/kinds.js';
import type { BoundaryNode, ComponentNode, FlowNode, ModelGraph } from '../model/graph.js';
import { compareText } from '../util/compare.js';
import { escapeMermaidLabel } from './escape.js';
import { CLASS_DEFS, ELEMENT_CLASSES, FLAGGED_STROKE, INDENT, SHAPES, classLines, compareFlows, isFlaggedFlow } from './mermaid.js';
import { groupBy } from '../util/group-by.js';
import { plural, thousands } from '../util/thousands.js';

/** Mermaid's default limits (`maxEdges`, `maxTextSize`), which GitHub keeps. */
export const MERMAID_LIMITS = { maxEdges: 500, maxTextSize: 50_000 } as const;

export function fitsMermaid(text: string, edges: number): boolean {
  return edges <= MERMAID_LIMITS.maxEdges && text.length <= MERMAID_LIMITS.maxTextSize;
}

export interface BoundaryOverview {
  readonly text: string;
  /** Boundaries nested deeper than this are folded into their ancestor at this depth (0: top-level boundaries). */
  readonly depth: number;
}

/** The deepest overview that fits Mermaid's limits, or undefined when even the top level does not. */
export function renderBoundaryOverview(graph: ModelGraph, flagged: ReadonlySet<string>): BoundaryOverview | undefined {
  let maxDepth = 0;
  for (const b of graph.boundaries.values()) maxDepth = Math.max(maxDepth, b.chain.length - 1);
  const model = drawingOrder(graph, flagged);
  for (let depth = maxDepth; depth >= 0; depth--) {
    const drawn = overviewAt(model, depth);
    if (fitsMermaid(drawn.text, drawn.edges)) return { text: drawn.text, depth };
  }
  return undefined;
}

/** Where a component is drawn: its boundary, or that boundary's ancestor at `depth`; undefined outside every boundary. */
function foldedInto(c: ComponentNode, depth: number): BoundaryNode | undefined {
  const chain = c.boundaries; // innermost first
  return chain.length === 0 ? undefined : chain[Math.max(0, chain.length - 1 - depth)];
}

interface Group {
  readonly id: string;
  /** The number in the id. */
  readonly n: number;
  readonly members: ComponentNode[];
  /** Flows between two members: counted in the node's label, not drawn. */
  readonly inside: FlowCounts;
  /** A member, or a flow between two members, has an open high or critical threat. */
  flagged: boolean;
}

interface FlowCounts {
  flows: number;
  unauthenticated: number;
  plaintext: number;
}

interface Edge {
  readonly from: Group;
  readonly to: Group;
  readonly encrypted: boolean;
  readonly counts: FlowCounts;
  flagged: boolean;
  /** Its flow that the full diagram draws first (see drawsBefore): edges are drawn in the order of theirs. */
  first: FlowNode;
}

/**
 * The model as every depth draws it, and which flows are flagged: worked out once for all depths
 * tried. Flows stay in the model's order: only the edges they make are sorted.
 */
interface DrawingOrder {
  readonly boundaries: readonly BoundaryNode[];
  readonly components: readonly ComponentNode[];
  readonly flows: readonly FlowNode[];
  /** By position in `components` and in `flows`. */
  readonly flaggedComponents: readonly boolean[];
  readonly flaggedFlows: readonly boolean[];
  /** By position in `flows`: the positions in `components` of the flow's two ends. */
  readonly flowFrom: Int32Array;
  readonly flowTo: Int32Array;
}

function drawingOrder(graph: ModelGraph, flagged: ReadonlySet<string>): DrawingOrder {
  const components = [...graph.components.values()].sort((a, b) => compareText(a.id, b.id));
  const flows = graph.flows;
  const position = new Map(components.map((c, i) => [c, i]));
  return {
    boundaries: [...graph.boundaries.values()].sort((a, b) => compareText(a.id, b.id)),
    components,
    flows,
    flaggedComponents: components.map((c) => flagged.has(c.id)),
    flaggedFlows: flows.map((flow) => isFlaggedFlow(flow, flagged)),
    flowFrom: Int32Array.from(flows, (flow) => position.get(flow.from)!),
    flowTo: Int32Array.from(flows, (flow) => position.get(flow.to)!),
  };
}

function overviewAt(model: DrawingOrder, depth: number): { text: string; edges: number } {
  const boundaries = model.boundaries.filter((b) => b.chain.length - 1 <= depth);
  const subgraphId = new Map(boundaries.map((b, i) => [b, `b${i + 1}`]));
  const children = groupBy(boundaries, (b) => b.parent);

  const components = model.components;
  const groupAt = new Array<Group>(components.length); // by position in `components`
  const groups = new Map<BoundaryNode | undefined, Group>();
  for (let i = 0; i < components.length; i++) {
    const c = components[i]!;
    const where = foldedInto(c, depth);
    let group = groups.get(where);
    if (!group) groups.set(where, (group = { id: `g${groups.size + 1}`, n: groups.size + 1, members: [], inside: noFlows(), flagged: false }));
    group.members.push(c);
    if (model.flaggedComponents[i]) group.flagged = true;
    groupAt[i] = group;
  }

  // One edge per pair of groups and encryption, keyed by a number made of the three.
  const edges = new Map<number, Edge>();
  for (let i = 0; i < model.flows.length; i++) {
    const flow = model.flows[i]!;
    const from = groupAt[model.flowFrom[i]!]!;
    const to = groupAt[model.flowTo[i]!]!;
    const red = model.flaggedFlows[i]!;
    if (from === to) {
      tally(from.inside, flow);
      if (red) from.flagged = true;
      continue;
    }
    const key = (from.n * (groups.size + 1) + to.n) * 2 + (flow.encrypted ? 1 : 0);
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { from, to, encrypted: flow.encrypted, counts: noFlows(), flagged: false, first: flow }));
    else if (drawsBefore(flow, edge.first)) edge.first = flow;
    tally(edge.counts, flow);
    if (red) edge.flagged = true;
  }

  const lines = ['flowchart LR'];
  const byClass = new Map<string, string[]>();
  const addClass = (cls: string, id: string): void => void (byClass.get(cls) ?? byClass.set(cls, []).get(cls)!).push(id);
  const drawGroup = (where: BoundaryNode | undefined, indent: string): void => {
    const group = groups.get(where);
    if (!group) return;
    const type = mainElementType(group.members);
    const [open, close] = SHAPES[type];
    lines.push(`${indent}${group.id}${open}"${escapeMermaidLabel(groupLabel(group))}"${close}`);
    addClass(ELEMENT_CLASSES[type], group.id);
  };
  const drawScope = (parent: BoundaryNode | undefined, level: number): void => {
    const indent = INDENT.repeat(level);
    drawGroup(parent, indent);
    for (const b of children.get(parent) ?? []) {
      lines.push(`${indent}subgraph ${subgraphId.get(b)}["${escapeMermaidLabel(b.name)}"]`);
      drawScope(b, level + 1);
      lines.push(`${indent}end`);
    }
  };
  drawScope(undefined, 1);

  const drawn = [...edges.values()].sort((a, b) => (drawsBefore(a.first, b.first) ? -1 : 1));
  for (const e of drawn) {
    const parts = [plural(e.counts.flows, 'flow')];
    if (e.counts.unauthenticated) parts.push(`${thousands(e.counts.unauthenticated)} no auth`);
    if (!e.encrypted) parts.push('⚠ plaintext');
    lines.push(`${INDENT}${e.from.id} ${e.encrypted ? '-->' : '-.->'}|"${escapeMermaidLabel(parts.join(' / '))}"| ${e.to.id}`);
  }
  lines.push(
    `%% Overview: boundaries deeper than level ${depth} are folded into their ancestor; each node counts the components it holds.`,
    '%% Solid arrow = encrypted in transit, dashed arrow = plaintext. Red = holds an open high or critical threat.',
  );
  for (const line of CLASS_DEFS) lines.push(line);
  for (const b of boundaries) if (b.untrusted) addClass('untrusted', subgraphId.get(b)!);
  for (const group of groups.values()) if (group.flagged) addClass('flagged', group.id);
  for (const line of classLines(byClass)) lines.push(line);
  const red = drawn.flatMap((e, i) => (e.flagged ? [i] : []));
  if (red.length > 0) lines.push(`linkStyle ${red.join(',')} ${FLAGGED_STROKE}`);
  return { text: `${lines.join('\n')}\n`, edges: drawn.length };
}

/**
 * The order flows are drawn in (compareFlows, then the model's order): each edge is drawn where
 * its first flow in this order would be, as if the flows were sorted and walked.
 */
function drawsBefore(a: FlowNode, b: FlowNode): boolean {
  return (compareFlows(a, b) || a.index - b.index) < 0;
}

const TYPE_ORDER: readonly ElementType[] = ['external-entity', 'process', 'data-store'];

/** The element type most of the members have (ties: external entity, process, data store). */
function mainElementType(members: readonly ComponentNode[]): ElementType {
  const counts = TYPE_ORDER.map((t) => members.filter((c) => c.element === t).length);
  return TYPE_ORDER[counts.indexOf(counts.reduce((a, b) => Math.max(a, b)))]!;
}

/** `1,204 components: 801 processes, 403 data stores; 2,310 flows inside (12 plaintext, 3 no auth)`. */
function groupLabel(group: Group): string {
  const words: Record<ElementType, [string, string]> = {
    'external-entity': ['external entity', 'external entities'],
    process: ['process', 'processes'],
    'data-store': ['data store', 'data stores'],
  };
  const parts = TYPE_ORDER.flatMap((t) => {
    const n = group.members.filter((c) => c.element === t).length;
    const [one, many] = words[t];
    return n === 0 ? [] : [plural(n, one, many)];
  });
  const { flows, plaintext, unauthenticated } = group.inside;
  const risky = [...(plaintext ? [`${thousands(plaintext)} plaintext`] : []), ...(unauthenticated ? [`${thousands(unauthenticated)} no auth`] : [])];
  const inside = flows > 0 ? `; ${plural(flows, 'flow')} inside${risky.length ? ` (${risky.join(', ')})` : ''}` : '';
  return `${plural(group.members.length, 'component')}: ${parts.join(', ')}${inside}`;
}

const noFlows = (): FlowCounts => ({ flows: 0, unauthenticated: 0, plaintext: 0 });

function tally(counts: FlowCounts, flow: FlowNode): void {
  counts.flows++;
  if (flow.auth === 'none') counts.unauthenticated++;
  if (!flow.encrypted) counts.plaintext++;
}
