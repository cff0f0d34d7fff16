/**
 * Computes, once per element, the attribute values rule conditions test (the
 * vocabulary is src/rules/attributes.ts). Declared controls that live
 * verification contradicted are not in effect.
 */
import { cached } from '../util/cached.js';
import type { BoundaryNode, ComponentNode, DataNode, FlowNode, ModelGraph } from '../model/graph.js';
import type { Facts } from '../rules/conditions.js';
import type { AttackPath } from './attack-paths.js';
import { crossesBoundary, crossesUntrusted, isInternetExposed } from './exposure.js';
import type { VerificationFacts } from './facts.js';
import { SENSITIVITY, maxLevel, maxSensitivity, sensitivityRank } from './sensitivity.js';
import { type KindFacts, type SignatureFacts, StaticFactsIndex } from './static-facts.js';

export interface FactsIndex {
  readonly account: Facts;
  component(c: ComponentNode): Facts;
  flow(f: FlowNode): Facts;
  boundary(b: BoundaryNode): Facts;
  /** Controls in effect on a component: declared, minus contradicted, plus the account's. */
  componentControls(id: string): ReadonlySet<string>;
  /** Controls in effect on a flow: its own, and those of its receiver, as a set. */
  flowControls(f: FlowNode): ReadonlySet<string>;
  /** Data a component stores, and carries on every flow in and out. */
  dataAround(c: ComponentNode): readonly DataNode[];
  /** The facts kinds and flow signatures decide, shared by their elements. */
  readonly statics: StaticFactsIndex;
}

export function buildFacts(graph: ModelGraph, paths: ReadonlyMap<string, AttackPath>, verification?: VerificationFacts): FactsIndex {
  const contradicted = new Set((verification?.checks ?? []).filter((c) => c.status === 'contradicted').map((c) => `${c.element}\u0000${c.control}`));
  const effective = (element: string, declared: Iterable<string>) =>
    contradicted.size === 0 ? [...declared].sort() : [...declared].filter((c) => !contradicted.has(`${element}\u0000${c}`)).sort();
  const account = accountFacts(graph, effective);
  const statics = new StaticFactsIndex();
  const componentCache = new Map<ComponentNode, Facts>();
  const controlsCache = new Map<string, ReadonlySet<string>>();

  const aroundCache = new Map<ComponentNode, DataNode[]>();
  const around = (c: ComponentNode): DataNode[] => cached(aroundCache, c, dataAround);
  const env: FactsEnv = { graph, paths, effective, account, component: (c) => component(c), dataAround: around };
  const component = (c: ComponentNode): Facts => cached(componentCache, c, () => new ComponentFacts(c, env, statics.kindOf(c)));

  // By the flow's position in the graph: tens of thousands of flows, no hashing.
  const flowCache = new Array<Facts | undefined>(graph.flows.length);
  const flow = (f: FlowNode): Facts => (flowCache[f.index] ??= new FlowFacts(f, env, statics.signatureOf(f)));

  let inside: Map<BoundaryNode, ComponentNode[]> | undefined;
  const boundaryCache = new Map<BoundaryNode, Facts>();
  const boundary = (b: BoundaryNode): Facts => {
    let facts = boundaryCache.get(b);
    if (facts) return facts;
    if (!inside) {
      inside = new Map();
      for (const c of graph.components.values()) if (c.boundary) (inside.get(c.boundary) ?? inside.set(c.boundary, []).get(c.boundary)!).push(c);
    }
    const members = inside.get(b) ?? [];
    facts = {
      id: b.id,
      kind: b.def.kind,
      public: b.def.public,
      untrusted: b.untrusted,
      component_kinds: sortedUnique(members.map((c) => c.kind)),
      component_count: members.length,
      account,
    };
    boundaryCache.set(b, facts);
    return facts;
  };

  // A set needs no order. Without contradictions a component's set depends only on its declared
  // set, which the graph shares between components declaring the same list: one union per such set.
  const accountControls = account.controls as string[];
  const unions = new Map<ReadonlySet<string>, ReadonlySet<string>>();
  const withAccount = (declared: Iterable<string>): ReadonlySet<string> => {
    const union = new Set<string>(declared);
    for (const a of accountControls) union.add(a);
    return union;
  };
  const componentControls = (id: string): ReadonlySet<string> => {
    const hit = controlsCache.get(id);
    if (hit) return hit;
    const c = graph.components.get(id);
    let set: ReadonlySet<string>;
    if (!c) set = withAccount([]);
    else if (contradicted.size > 0) set = withAccount(effective(id, c.controls));
    else if (accountControls.length === 0) set = c.controls;
    else {
      set = cached(unions, c.controls, withAccount);
    }
    controlsCache.set(id, set);
    return set;
  };

  const flowControlsCache = new Map<FlowNode, ReadonlySet<string>>();
  const flowControls = (f: FlowNode): ReadonlySet<string> => cached(flowControlsCache, f, () => new Set(flow(f).controls as string[]));

  return { account, component, flow, boundary, componentControls, flowControls, dataAround: around, statics };
}

function accountFacts(graph: ModelGraph, effective: (element: string, declared: Iterable<string>) => string[]): Facts {
  const a = graph.account;
  const ct = graph.cloudtrail;
  const bucket = ct?.bucket !== undefined ? graph.components.get(ct.bucket) : undefined;
  const components = [...graph.components.values()];
  // GuardDuty enabled for the account watches every resource in it; the account trail does not
  // stand for a resource's own `cloudtrail` control (data events, audit of that resource).
  const declared = [...a.controls, ...(a.guardduty ? ['guardduty'] : [])];
  return {
    root_mfa: a.root_mfa || a.root_hardware_mfa,
    root_hardware_mfa: a.root_hardware_mfa,
    root_access_keys: a.root_access_keys,
    iam_users: a.iam_users,
    password_policy: a.password_policy,
    cloudtrail: ct?.enabled ?? false,
    cloudtrail_multi_region: (ct?.enabled && ct.multi_region) ?? false,
    cloudtrail_management_events: ct?.enabled ? ct.management_events : 'none',
    cloudtrail_log_file_validation: (ct?.enabled && ct.log_file_validation) ?? false,
    cloudtrail_kms: (ct?.enabled && ct.kms) ?? false,
    cloudtrail_cloudwatch_logs: (ct?.enabled && ct.cloudwatch_logs) ?? false,
    cloudtrail_data_events: (ct?.enabled && ct.data_events) ?? false,
    cloudtrail_bucket: bucket !== undefined,
    cloudtrail_bucket_protected: bucket !== undefined && (bucket.controls.has('object-lock') || bucket.controls.has('mfa-delete')) && bucket.controls.has('block-public-access'),
    guardduty: a.guardduty,
    config: a.config,
    security_hub: a.security_hub,
    access_analyzer: a.access_analyzer,
    vpc_flow_logs: a.vpc_flow_logs,
    scps: a.scps,
    controls: effective('account', declared),
    has_vpc: [...graph.boundaries.values()].some((b) => b.def.kind === 'vpc'),
    has_privileged_humans: components.some((c) => c.kind === 'user' && c.def.privileged),
    has_humans: components.some((c) => c.kind === 'user'),
    has_sensitive_data: [...graph.data.values()].some((d) => SENSITIVITY.indexOf(d.def.classification) >= SENSITIVITY.indexOf('confidential')),
    has_exposed_components: components.some(isInternetExposed),
    uses_identity_center: components.some((c) => c.kind === 'identity-center') || graph.flows.some((f) => f.auth === 'identity-center'),
  };
}

interface FactsEnv {
  readonly graph: ModelGraph;
  readonly paths: ReadonlyMap<string, AttackPath>;
  readonly effective: (element: string, declared: Iterable<string>) => string[];
  readonly account: Facts;
  readonly component: (c: ComponentNode) => Facts;
  readonly dataAround: (c: ComponentNode) => DataNode[];
}

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

/**
 * A component's attributes, each computed when a condition (or the evidence of a
 * threat) first reads it, and kept: most rules stop at `kind` or `traits`, so most
 * attributes of most components are never computed, and none is computed twice.
 * Every memo is a field of its own, so every instance has one shape.
 */
class ComponentFacts {
  [attribute: string]: unknown;
  private controlsMemo: string[] | undefined = undefined;
  private exposedMemo: boolean | undefined = undefined;
  private sensitivityMemo: string | undefined = undefined;
  private boundaryKindsMemo: string[] | undefined = undefined;
  private storesMemo: string[] | undefined = undefined;
  private storesSensitivityMemo: string | undefined = undefined;
  private storesIntegrityMemo: string | undefined = undefined;
  private storesAvailabilityMemo: string | undefined = undefined;
  private dataAvailabilityMemo: string | undefined = undefined;
  private inboundAuthMemo: string[] | undefined = undefined;
  private outboundAuthMemo: string[] | undefined = undefined;
  private outboundToKindsMemo: string[] | undefined = undefined;
  private inboundFromKindsMemo: string[] | undefined = undefined;

  constructor(
    private readonly c: ComponentNode,
    private readonly env: FactsEnv,
    /** What the kind decides (kind, element_type, traits, human): shared by every component of the kind. */
    readonly kindFacts: KindFacts,
  ) {}

  get id() { return this.c.id; }
  get kind() { return this.kindFacts.kind; }
  get element_type() { return this.kindFacts.element_type; }
  get traits() { return this.kindFacts.traits; }
  get controls() { return (this.controlsMemo ??= this.env.effective(this.c.id, this.c.controls)); }
  get internet_facing() { return this.c.def.internet_facing; }
  get exposed() { return (this.exposedMemo ??= isInternetExposed(this.c)); }
  get in_untrusted() { return this.c.inUntrusted; }
  get in_public_subnet() { return this.c.boundaries.some((b) => b.def.kind === 'subnet' && b.def.public); }
  get in_vpc() { return this.c.boundaries.some((b) => b.def.kind === 'vpc'); }
  get boundary_kinds() { return (this.boundaryKindsMemo ??= [...new Set(this.c.boundaries.map((b) => b.def.kind))]); }
  get privileged() { return this.c.def.privileged; }
  get human() { return this.kindFacts.human; }
  get has_iam_role() { return this.c.def.iam_role !== undefined; }
  get access_keys() { return this.c.def.access_keys; }
  get wildcard_permissions() { return this.c.def.wildcard_permissions; }
  get has_arn() { return this.c.def.arn !== undefined; }
  get stores() { return (this.storesMemo ??= this.c.stores.map((d) => d.id)); }
  get stores_sensitivity() { return (this.storesSensitivityMemo ??= maxSensitivity(this.c.stores)); }
  get stores_pii() { return this.c.stores.some((d) => d.def.pii); }
  get stores_integrity() { return (this.storesIntegrityMemo ??= maxLevel(this.c.stores.map((d) => d.def.integrity))); }
  get stores_availability() { return (this.storesAvailabilityMemo ??= maxLevel(this.c.stores.map((d) => d.def.availability))); }
  get data_sensitivity() {
    if (this.sensitivityMemo === undefined) {
      let best = sensitivityRank(this.c.stores, 0);
      for (const f of this.c.flowsIn) best = sensitivityRank(f.data, best);
      for (const f of this.c.flowsOut) best = sensitivityRank(f.data, best);
      this.sensitivityMemo = SENSITIVITY[best];
    }
    return this.sensitivityMemo;
  }
  get data_availability() { return (this.dataAvailabilityMemo ??= maxLevel(this.env.dataAround(this.c).map((d) => d.def.availability))); }
  get holds_audit_logs() { return this.is_cloudtrail_bucket || this.c.stores.some((d) => d.def.integrity === 'critical'); }
  get is_cloudtrail_bucket() { return this.env.graph.cloudtrail?.bucket === this.c.id; }
  get inbound_auth() { return (this.inboundAuthMemo ??= sortedUnique(this.c.flowsIn.map((f) => f.auth))); }
  get inbound_unauthenticated() { return this.c.flowsIn.some((f) => !f.authInfo.authenticates); }
  get inbound_from_untrusted() { return this.c.flowsIn.some((f) => f.from.inUntrusted); }
  get inbound_from_humans() { return this.c.flowsIn.some((f) => f.from.kind === 'user'); }
  get inbound_count() { return this.c.flowsIn.length; }
  get outbound_count() { return this.c.flowsOut.length; }
  get outbound_auth() { return (this.outboundAuthMemo ??= sortedUnique(this.c.flowsOut.map((f) => f.auth))); }
  get outbound_long_lived() { return this.c.flowsOut.some((f) => f.authInfo.longLived); }
  get outbound_to_kinds() { return (this.outboundToKindsMemo ??= sortedUnique(this.c.flowsOut.map((f) => f.to.kind))); }
  get inbound_from_kinds() { return (this.inboundFromKindsMemo ??= sortedUnique(this.c.flowsIn.map((f) => f.from.kind))); }
  get attack_path() { return this.env.paths.has(this.c.id); }
  get attack_path_length() { return this.env.paths.get(this.c.id)?.flows.length ?? 0; }
  get account() { return this.env.account; }
}

/** A flow's attributes, computed on first read and kept (see ComponentFacts). */
class FlowFacts {
  [attribute: string]: unknown;
  private controlsMemo: string[] | undefined = undefined;
  private crossedKindsMemo: string[] | undefined = undefined;
  private dataMemo: string[] | undefined = undefined;
  private sensitivityMemo: string | undefined = undefined;
  private integrityMemo: string | undefined = undefined;
  private fromMemo: Facts | undefined = undefined;
  private toMemo: Facts | undefined = undefined;

  constructor(
    private readonly f: FlowNode,
    private readonly env: FactsEnv,
    /** What the signature decides (protocol, auth and what they imply): shared by every flow with it. */
    readonly signature: SignatureFacts,
  ) {}

  get name() { return this.f.name; }
  get protocol() { return this.signature.protocol; }
  get web() { return this.signature.web; }
  get auth() { return this.signature.auth; }
  get authenticated() { return this.signature.authenticated; }
  get auth_strong() { return this.signature.auth_strong; }
  get auth_long_lived() { return this.signature.auth_long_lived; }
  get encrypted() { return this.f.encrypted; }
  get tls_declared() { return this.f.def.tls !== undefined; }
  get controls() { return (this.controlsMemo ??= sortedUnique([...this.f.controls, ...this.env.effective(this.f.to.id, this.f.to.controls)])); }
  get crosses_boundary() { return crossesBoundary(this.f); }
  get crosses_untrusted() { return crossesUntrusted(this.f); }
  get crossed_kinds() { return (this.crossedKindsMemo ??= sortedUnique(this.f.crossed.map((b) => b.def.kind))); }
  get data() { return (this.dataMemo ??= this.f.data.map((d) => d.id)); }
  get data_sensitivity() { return (this.sensitivityMemo ??= maxSensitivity(this.f.data)); }
  get data_pii() { return this.f.data.some((d) => d.def.pii); }
  get data_integrity() { return (this.integrityMemo ??= maxLevel(this.f.data.map((d) => d.def.integrity))); }
  get internal() { const f = this.f; return !f.from.inUntrusted && !f.to.inUntrusted && f.from.element !== 'external-entity' && f.to.element !== 'external-entity'; }
  get from() { return (this.fromMemo ??= this.env.component(this.f.from)); }
  get to() { return (this.toMemo ??= this.env.component(this.f.to)); }
  get account() { return this.env.account; }
}

/** Data a component stores, and carries on every flow in and out (loops: this runs per component). */
export function dataAround(c: ComponentNode): DataNode[] {
  const out = [...c.stores];
  for (const f of c.flowsIn) for (const d of f.data) out.push(d);
  for (const f of c.flowsOut) for (const d of f.data) out.push(d);
  return out;
}
