/**
 * Computes, once per element, the attribute values rule conditions test (the
 * vocabulary is src/rules/attributes.ts). Declared controls that live
 * verification contradicted are not in effect.
 */
import { PROTOCOLS } from '../model/catalog/protocols.js';
import type { BoundaryNode, ComponentNode, FlowNode, ModelGraph } from '../model/graph.js';
import type { Facts } from '../rules/conditions.js';
import type { AttackPath } from './attack-paths.js';
import { crossesBoundary, crossesUntrusted, isInternetExposed } from './exposure.js';
import type { VerificationFacts } from './facts.js';
import { SENSITIVITY, maxLevel, maxSensitivity } from './sensitivity.js';

export interface FactsIndex {
  readonly account: Facts;
  component(c: ComponentNode): Facts;
  flow(f: FlowNode): Facts;
  boundary(b: BoundaryNode): Facts;
  /** Controls in effect on a component: declared, minus contradicted, plus the account's. */
  componentControls(id: string): ReadonlySet<string>;
}

export function buildFacts(graph: ModelGraph, paths: ReadonlyMap<string, AttackPath>, verification?: VerificationFacts): FactsIndex {
  const contradicted = new Set((verification?.checks ?? []).filter((c) => c.status === 'contradicted').map((c) => `${c.element}\u0000${c.control}`));
  const effective = (element: string, declared: Iterable<string>) =>
    contradicted.size === 0 ? [...declared].sort() : [...declared].filter((c) => !contradicted.has(`${element}\u0000${c}`)).sort();
  const account = accountFacts(graph, effective);
  const componentCache = new Map<string, Facts>();
  const controlsCache = new Map<string, ReadonlySet<string>>();

  const component = (c: ComponentNode): Facts => {
    const hit = componentCache.get(c.id);
    if (hit) return hit;
    const carried = [...c.flowsIn, ...c.flowsOut].flatMap((f) => f.data);
    const ct = graph.cloudtrail;
    const isTrailBucket = ct?.bucket === c.id;
    const path = paths.get(c.id);
    const facts: Facts = {
      id: c.id,
      kind: c.kind,
      element_type: c.element,
      traits: c.info.traits,
      controls: effective(c.id, c.controls),
      internet_facing: c.def.internet_facing,
      exposed: isInternetExposed(c),
      in_untrusted: c.inUntrusted,
      in_public_subnet: c.boundaries.some((b) => b.def.kind === 'subnet' && b.def.public),
      in_vpc: c.boundaries.some((b) => b.def.kind === 'vpc'),
      boundary_kinds: [...new Set(c.boundaries.map((b) => b.def.kind))],
      privileged: c.def.privileged,
      human: c.info.traits.includes('human' as never),
      has_iam_role: c.def.iam_role !== undefined,
      access_keys: c.def.access_keys,
      wildcard_permissions: c.def.wildcard_permissions,
      has_arn: c.def.arn !== undefined,
      stores: c.stores.map((d) => d.id),
      stores_sensitivity: maxSensitivity(c.stores),
      stores_pii: c.stores.some((d) => d.def.pii),
      stores_integrity: maxLevel(c.stores.map((d) => d.def.integrity)),
      stores_availability: maxLevel(c.stores.map((d) => d.def.availability)),
      data_sensitivity: maxSensitivity([...c.stores, ...carried]),
      data_availability: maxLevel([...c.stores, ...carried].map((d) => d.def.availability)),
      holds_audit_logs: isTrailBucket || c.stores.some((d) => d.def.integrity === 'critical'),
      is_cloudtrail_bucket: isTrailBucket,
      inbound_auth: [...new Set(c.flowsIn.map((f) => f.auth))].sort(),
      inbound_unauthenticated: c.flowsIn.some((f) => !f.authInfo.authenticates),
      inbound_from_untrusted: c.flowsIn.some((f) => f.from.inUntrusted),
      inbound_from_humans: c.flowsIn.some((f) => f.from.kind === 'user'),
      inbound_count: c.flowsIn.length,
      outbound_count: c.flowsOut.length,
      outbound_auth: [...new Set(c.flowsOut.map((f) => f.auth))].sort(),
      outbound_long_lived: c.flowsOut.some((f) => f.authInfo.longLived),
      outbound_to_kinds: [...new Set(c.flowsOut.map((f) => f.to.kind))].sort(),
      inbound_from_kinds: [...new Set(c.flowsIn.map((f) => f.from.kind))].sort(),
      attack_path: path !== undefined,
      attack_path_length: path?.flows.length ?? 0,
      account,
    };
    componentCache.set(c.id, facts);
    return facts;
  };

  const flowCache = new Map<FlowNode, Facts>();
  const flow = (f: FlowNode): Facts => {
    const hit = flowCache.get(f);
    if (hit) return hit;
    const facts = flowFacts(f);
    flowCache.set(f, facts);
    return facts;
  };
  const flowFacts = (f: FlowNode): Facts => ({
    name: f.name,
    protocol: f.def.protocol,
    web: PROTOCOLS[f.def.protocol].web,
    auth: f.auth,
    authenticated: f.authInfo.authenticates,
    auth_strong: f.authInfo.strong,
    auth_long_lived: f.authInfo.longLived,
    encrypted: f.encrypted,
    tls_declared: f.def.tls !== undefined,
    controls: [...new Set([...f.controls, ...effective(f.to.id, f.to.controls)])].sort(),
    crosses_boundary: crossesBoundary(f),
    crosses_untrusted: crossesUntrusted(f),
    crossed_kinds: [...new Set(f.crossed.map((b) => b.def.kind))].sort(),
    data: f.data.map((d) => d.id),
    data_sensitivity: maxSensitivity(f.data),
    data_pii: f.data.some((d) => d.def.pii),
    data_integrity: maxLevel(f.data.map((d) => d.def.integrity)),
    internal: !f.from.inUntrusted && !f.to.inUntrusted && f.from.element !== 'external-entity' && f.to.element !== 'external-entity',
    from: component(f.from),
    to: component(f.to),
    account,
  });

  const boundary = (b: BoundaryNode): Facts => {
    const inside = [...graph.components.values()].filter((c) => c.boundary === b);
    return {
      id: b.id,
      kind: b.def.kind,
      public: b.def.public,
      untrusted: b.untrusted,
      component_kinds: [...new Set(inside.map((c) => c.kind))].sort(),
      component_count: inside.length,
      account,
    };
  };

  const componentControls = (id: string): ReadonlySet<string> => {
    const hit = controlsCache.get(id);
    if (hit) return hit;
    const c = graph.components.get(id);
    const set = new Set<string>([...(c ? effective(id, c.controls) : []), ...(account.controls as string[])]);
    controlsCache.set(id, set);
    return set;
  };

  return { account, component, flow, boundary, componentControls };
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
