/**
 * The immutable, indexed view of a validated model that analyzers query:
 * lookups by id, boundary chains, flows in and out, boundary crossings.
 */
import { AUTH_METHODS, type AuthInfo } from './catalog/auth.js';
import { BOUNDARY_KINDS } from './catalog/boundaries.js';
import { COMPONENT_KINDS, type ElementType, type KindInfo } from './catalog/kinds.js';
import { PROTOCOLS } from './catalog/protocols.js';
import type { AccountControls, Architecture, Boundary, CloudTrailSettings, Component, DataAsset, Flow } from './schema.js';
import { Interner } from './interner.js';
import { EMPTY } from '../util/empty.js';
import type { Position, SourceMap } from './source-map.js';

export interface BoundaryNode {
  readonly id: string;
  readonly name: string;
  readonly def: Boundary;
  readonly parent: BoundaryNode | undefined;
  /** This boundary, then its ancestors, outermost last. */
  readonly chain: readonly BoundaryNode[];
  readonly untrusted: boolean;
}

export interface DataNode {
  readonly id: string;
  readonly name: string;
  readonly def: DataAsset;
}

export interface ComponentNode {
  readonly id: string;
  readonly name: string;
  readonly def: Component;
  readonly kind: Component['kind'];
  readonly info: KindInfo;
  readonly element: ElementType;
  readonly boundary: BoundaryNode | undefined;
  /** Innermost first. */
  readonly boundaries: readonly BoundaryNode[];
  readonly controls: ReadonlySet<string>;
  readonly stores: readonly DataNode[];
  readonly flowsOut: FlowNode[];
  readonly flowsIn: FlowNode[];
  /** In an untrusted boundary (the internet, a third party). */
  readonly inUntrusted: boolean;
}

export interface FlowNode {
  /** `from->to`, or the flow's own id when it has one. */
  readonly name: string;
  readonly index: number;
  readonly def: Flow;
  readonly from: ComponentNode;
  readonly to: ComponentNode;
  readonly encrypted: boolean;
  /** Where `encrypted` came from: the flow's `tls`, or the protocol's default. */
  readonly encryptedBy: 'declared' | 'protocol';
  readonly auth: Flow['auth'];
  readonly authInfo: AuthInfo;
  readonly data: readonly DataNode[];
  readonly controls: ReadonlySet<string>;
  /** Boundaries entered or left between the two ends. */
  readonly crossed: readonly BoundaryNode[];
}

export interface ModelGraph {
  readonly file: string;
  readonly model: Architecture;
  readonly account: AccountControls;
  readonly cloudtrail: CloudTrailSettings | undefined;
  readonly components: ReadonlyMap<string, ComponentNode>;
  readonly boundaries: ReadonlyMap<string, BoundaryNode>;
  readonly data: ReadonlyMap<string, DataNode>;
  readonly flows: readonly FlowNode[];
  readonly flowsByName: ReadonlyMap<string, FlowNode>;
  /** Where an element (component id, flow name, boundary id, `account`) is written: one shared object per element. */
  location(element: string): ElementLocation;
  readonly source: SourceMap | undefined;
}

/** The file, line and column of an element. */
export interface ElementLocation extends Position {
  readonly file: string;
}

export function flowName(flow: Pick<Flow, 'id' | 'from' | 'to'>): string {
  return flow.id ?? `${flow.from}->${flow.to}`;
}

/** Builds the graph. The model must already have passed reference checks. */
export function buildGraph(file: string, model: Architecture, source?: SourceMap): ModelGraph {
  const boundaries = new Map<string, BoundaryNode>();
  const boundaryOf = (id: string): BoundaryNode => {
    const existing = boundaries.get(id);
    if (existing) return existing;
    const def = model.boundaries[id]!;
    const parent = def.in !== undefined ? boundaryOf(def.in) : undefined;
    const node: { -readonly [K in keyof BoundaryNode]: BoundaryNode[K] } = {
      id,
      name: def.name ?? id,
      def,
      parent,
      chain: [],
      untrusted: BOUNDARY_KINDS[def.kind].untrusted,
    };
    node.chain = [node, ...(parent?.chain ?? [])];
    boundaries.set(id, node);
    return node;
  };
  for (const id of Object.keys(model.boundaries).sort()) boundaryOf(id);

  const data = new Map<string, DataNode>();
  for (const id of Object.keys(model.data).sort()) {
    const def = model.data[id]!;
    data.set(id, { id, name: def.name ?? id, def });
  }
  const components = new Map<string, ComponentNode>();
  const nodes = new NodeMaker(boundaries, data, components);
  for (const id of Object.keys(model.components).sort()) components.set(id, nodes.component(id, model.components[id]!));

  const flows = new Array<FlowNode>(model.flows.length);
  const flowsByName = new Map<string, FlowNode>();
  for (let index = 0; index < flows.length; index++) {
    const flow = nodes.flow(model.flows[index]!, index);
    flows[index] = flow;
    flowsByName.set(flow.name, flow);
    flow.from.flowsOut.push(flow);
    flow.to.flowsIn.push(flow);
  }

  const cloudtrail = model.account.cloudtrail === true
    ? { enabled: true, multi_region: false, management_events: 'all' as const, log_file_validation: false, kms: false, cloudwatch_logs: false, data_events: false }
    : model.account.cloudtrail === false
      ? undefined
      : model.account.cloudtrail;

  const locations = new Map<string, ElementLocation>();
  const location = (element: string): ElementLocation => {
    let at = locations.get(element);
    if (!at) {
      const { line, column } = locate(element);
      locations.set(element, (at = { file, line, column }));
    }
    return at;
  };
  const locate = (element: string): Position => {
    if (!source) return { line: 1, column: 1 };
    if (element === 'account') return source.keyAt(['account']);
    if (components.has(element)) return source.keyAt(['components', element]);
    if (boundaries.has(element)) return source.keyAt(['boundaries', element]);
    const flow = flowsByName.get(element);
    if (flow) return source.keyAt(['flows', flow.index]);
    if (data.has(element)) return source.keyAt(['data', element]);
    return { line: 1, column: 1 };
  };

  return { file, model, account: model.account, cloudtrail, components, boundaries, data, flows, flowsByName, location, source };
}

/**
 * Makes component and flow nodes, one small method each (so the engine
 * optimizes them early in a large model). Elements that list the same controls
 * or data share one Set or array.
 */
class NodeMaker {
  private readonly controlSets = new Interner<ReadonlySet<string>>(setOf);
  private readonly dataLists: Interner<readonly DataNode[]>;
  private readonly crossings = new Crossings();

  constructor(
    private readonly boundaries: ReadonlyMap<string, BoundaryNode>,
    data: ReadonlyMap<string, DataNode>,
    private readonly components: ReadonlyMap<string, ComponentNode>,
  ) {
    this.dataLists = new Interner((ids) => ids.map((d) => data.get(d)!));
  }

  component(id: string, def: Component): ComponentNode {
    const boundary = def.in !== undefined ? this.boundaries.get(def.in) : undefined;
    const chain = boundary?.chain ?? EMPTY;
    const info = COMPONENT_KINDS[def.kind];
    return {
      id,
      name: def.name ?? id,
      def,
      kind: def.kind,
      info,
      element: info.element,
      boundary,
      boundaries: chain,
      controls: this.controlSets.get(def.controls),
      stores: this.dataLists.get(def.stores),
      flowsOut: [],
      flowsIn: [],
      inUntrusted: anyUntrusted(chain),
    };
  }

  flow(def: Flow, index: number): FlowNode {
    const from = this.components.get(def.from)!;
    const to = this.components.get(def.to)!;
    return {
      name: flowName(def),
      index,
      def,
      from,
      to,
      encrypted: def.tls ?? PROTOCOLS[def.protocol].encrypted === true,
      encryptedBy: def.tls === undefined ? 'protocol' : 'declared',
      auth: def.auth,
      authInfo: AUTH_METHODS[def.auth],
      data: this.dataLists.get(def.data),
      controls: this.controlSets.get(def.controls),
      crossed: this.crossings.between(from.boundaries, to.boundaries),
    };
  }
}

function anyUntrusted(chain: readonly BoundaryNode[]): boolean {
  for (let i = 0; i < chain.length; i++) if (chain[i]!.untrusted) return true;
  return false;
}

/** The boundaries in one chain but not the other: what a flow enters or leaves, computed once per pair of chains. */
class Crossings {
  private readonly pairs = new Map<readonly BoundaryNode[], Map<readonly BoundaryNode[], readonly BoundaryNode[]>>();

  between(a: readonly BoundaryNode[], b: readonly BoundaryNode[]): readonly BoundaryNode[] {
    if (a === b || (a.length === b.length && a[0] === b[0])) return EMPTY;
    let row = this.pairs.get(a);
    if (row === undefined) this.pairs.set(a, (row = new Map()));
    let crossed = row.get(b);
    if (crossed === undefined) row.set(b, (crossed = [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))]));
    return crossed;
  }
}

const EMPTY_SET: ReadonlySet<string> = new Set();

/** Most flows declare no controls: share one empty set instead of allocating thousands. */
function setOf(values: readonly string[]): ReadonlySet<string> {
  return values.length === 0 ? EMPTY_SET : new Set(values);
}
