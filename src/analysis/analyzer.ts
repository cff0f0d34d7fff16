/**
 * The walk every STRIDE analyzer shares: select the category's rules, visit the
 * elements STRIDE per element assigns to the category, test each rule's
 * condition on the element's facts, and make a threat where it holds.
 */
import type { BoundaryNode, ComponentNode, FlowNode, ModelGraph } from '../model/graph.js';
import { type Facts, readPath } from '../rules/conditions.js';
import type { CompiledRule } from '../rules/load.js';
import type { AttackPath } from './attack-paths.js';
import type { FactsIndex } from './facts-builder.js';
import { type ThreatSite, makeThreat } from './make-threat.js';
import { type Sensitivity, maxSensitivity } from './sensitivity.js';
import type { AcceptanceBook } from './status.js';
import { STRIDE_PER_ELEMENT } from './stride-per-element.js';
import type { Category, Evidence, Threat } from './threat.js';

export interface AnalyzerContext {
  readonly graph: ModelGraph;
  readonly rules: readonly CompiledRule[];
  readonly facts: FactsIndex;
  readonly paths: ReadonlyMap<string, AttackPath>;
  readonly book: AcceptanceBook;
  /** What every threat on one element shares, computed for its first threat. */
  readonly bases: { readonly components: Map<ComponentNode, SiteBase>; readonly flows: Map<FlowNode, SiteBase> };
}

export interface Analyzer {
  readonly category: Category;
  analyze(ctx: AnalyzerContext): Threat[];
}

export function defineAnalyzer(category: Category): Analyzer {
  return { category, analyze: (ctx) => walk(category, ctx) };
}

function walk(category: Category, ctx: AnalyzerContext): Threat[] {
  const scope = STRIDE_PER_ELEMENT[category];
  const { graph, facts } = ctx;
  const out: Threat[] = [];
  const components = [...graph.components.values()].filter((c) => scope.elementTypes.includes(c.element));
  // Each element's facts looked up once per walk, not once per rule.
  let componentFacts: Facts[] | undefined;
  let flowFacts: Facts[] | undefined;
  for (const rule of ctx.rules) {
    const def = rule.def;
    if (def.category !== category || def.trigger !== 'model') continue;
    const test = rule.condition.test;
    if (def.applies_to === 'component') {
      componentFacts ??= components.map((c) => facts.component(c));
      for (let i = 0; i < components.length; i++) {
        const c = components[i]!;
        if (def.element_types && !def.element_types.includes(c.element)) continue;
        const f = componentFacts[i]!;
        if (test(f)) out.push(makeThreat(rule, componentSite(c, f, rule, ctx), graph, ctx.book));
      }
    } else if (def.applies_to === 'flow' && scope.flows) {
      flowFacts ??= graph.flows.map((x) => facts.flow(x));
      for (let i = 0; i < graph.flows.length; i++) {
        const f = flowFacts[i]!;
        if (test(f)) out.push(makeThreat(rule, flowSite(graph.flows[i]!, f, rule, ctx), graph, ctx.book));
      }
    } else if (def.applies_to === 'account' && scope.account) {
      if (test(facts.account)) out.push(makeThreat(rule, accountSite(facts.account, rule, ctx), graph, ctx.book));
    } else if (def.applies_to === 'boundary' && scope.boundaries) {
      for (const b of graph.boundaries.values()) {
        const f = facts.boundary(b);
        if (test(f)) out.push(makeThreat(rule, boundarySite(b, f, rule, ctx), graph, ctx.book));
      }
    }
  }
  return out;
}

interface EvidenceAttribute {
  readonly path: readonly string[];
  readonly owner: 'element' | 'account' | 'from' | 'to';
  readonly name: string;
}
const evidenceAttributes = new WeakMap<CompiledRule, readonly EvidenceAttribute[]>();

/** A rule's evidence attributes, parsed once: `to.exposed` belongs to the flow's receiver, `account.x` to the account. */
function evidenceAttributesOf(rule: CompiledRule): readonly EvidenceAttribute[] {
  let list = evidenceAttributes.get(rule);
  if (!list) {
    list = rule.condition.attributes.map((attr) => {
      const path = attr.split('.');
      const [head, ...rest] = path;
      const scoped = (head === 'account' || head === 'from' || head === 'to') && rest.length > 0;
      return { path, owner: scoped ? (head as 'account' | 'from' | 'to') : 'element', name: scoped ? rest.join('.') : attr };
    });
    evidenceAttributes.set(rule, list);
  }
  return list;
}

/** Attribute values that made the rule fire, attributed to the element they belong to. */
export function evidenceOf(rule: CompiledRule, facts: Facts, element: string, ends: { from?: string; to?: string }): Evidence[] {
  return evidenceAttributesOf(rule).map((a) => ({
    element: a.owner === 'account' ? 'account' : a.owner === 'from' ? ends.from! : a.owner === 'to' ? ends.to! : element,
    attribute: a.name,
    value: readPath(facts, a.path),
  }));
}

/** The values a rule's templates may name ({element}, {from}, {to}, {kind}, {service}, {data}, {path}). */
export function names(element: string, from: string, to: string, kind: string, data: string, path: string): ThreatSite['placeholders'] {
  return { element, from, to, kind, service: kind, data: data || 'the data it handles', path };
}

function sensitiveData(data: readonly { name: string; def: { classification: string } }[], level: Sensitivity): string[] {
  return [...new Set(data.filter((d) => d.def.classification === level).map((d) => d.name))].sort();
}

/** What every threat on an element shares: the names its templates use, the sensitive data at stake. */
export interface SiteBase {
  readonly placeholders: ThreatSite['placeholders'];
  readonly dataNames: readonly string[];
}

function componentBase(c: ComponentNode, level: Sensitivity, ctx: AnalyzerContext): SiteBase {
  let base = ctx.bases.components.get(c);
  if (!base) {
    const stored = [...new Set(c.stores.map((d) => d.name))].sort();
    const dataNames = sensitiveData(ctx.facts.dataAround(c), level);
    base = { placeholders: names(c.name, '', '', c.info.service, (stored.length ? stored : dataNames).join(', '), ''), dataNames };
    ctx.bases.components.set(c, base);
  }
  return base;
}

function flowBase(flow: FlowNode, level: Sensitivity, ctx: AnalyzerContext): SiteBase {
  let base = ctx.bases.flows.get(flow);
  if (!base) {
    const placeholders = names(flow.name, flow.from.name, flow.to.name, flow.def.protocol, flow.data.map((d) => d.name).join(', '), '');
    ctx.bases.flows.set(flow, (base = { placeholders, dataNames: sensitiveData(flow.data, level) }));
  }
  return base;
}

function componentSite(c: ComponentNode, f: Facts, rule: CompiledRule, ctx: AnalyzerContext): ThreatSite {
  const level = f.data_sensitivity as Sensitivity;
  const base = componentBase(c, level, ctx);
  const usesPath = rule.condition.attributes.includes('attack_path');
  const path = usesPath ? ctx.paths.get(c.id) : undefined;
  const evidence = evidenceOf(rule, f, c.id, {});
  if (path) {
    evidence.push({ element: c.id, attribute: 'attack_path.components', value: path.components });
    for (const hop of path.weakHops) evidence.push({ element: hop.flow, attribute: 'weak_hop', value: hop.why });
  }
  return {
    element: c.id,
    elementKind: 'component',
    evidence,
    placeholders: path ? { ...base.placeholders, path: path.components.join(' → ') } : base.placeholders,
    controls: ctx.facts.componentControls(c.id),
    exposed: f.exposed === true,
    privileged: c.def.privileged,
    dataSensitivity: level,
    dataNames: base.dataNames,
    ...(path ? { path: path.components } : {}),
  };
}

function flowSite(flow: FlowNode, f: Facts, rule: CompiledRule, ctx: AnalyzerContext): ThreatSite {
  const level = f.data_sensitivity as Sensitivity;
  const base = flowBase(flow, level, ctx);
  return {
    element: flow.name,
    elementKind: 'flow',
    evidence: evidenceOf(rule, f, flow.name, { from: flow.from.id, to: flow.to.id }),
    placeholders: base.placeholders,
    controls: ctx.facts.flowControls(flow),
    exposed: f.crosses_untrusted === true || flow.from.inUntrusted,
    privileged: flow.from.def.privileged,
    dataSensitivity: level,
    dataNames: base.dataNames,
  };
}

/** The most sensitive data of the whole model: what a threat to the account or a boundary puts at stake. */
const modelDataCache = new WeakMap<ModelGraph, { level: Sensitivity; names: string[] }>();
function modelData(graph: ModelGraph): { level: Sensitivity; names: string[] } {
  let data = modelDataCache.get(graph);
  if (!data) {
    const all = [...graph.data.values()];
    const level = maxSensitivity(all);
    modelDataCache.set(graph, (data = { level, names: sensitiveData(all, level) }));
  }
  return data;
}

function accountSite(f: Facts, rule: CompiledRule, ctx: AnalyzerContext): ThreatSite {
  const data = modelData(ctx.graph);
  return {
    element: 'account',
    elementKind: 'account',
    evidence: evidenceOf(rule, f, 'account', {}),
    placeholders: names(ctx.graph.account.name ?? 'the AWS account', '', '', 'AWS account', data.names.join(', ') || 'every resource in the account', ''),
    controls: new Set(f.controls as string[]),
    // Account rules carry their exposure in their baseline: the console and APIs are always on the internet.
    exposed: false,
    privileged: false,
    dataSensitivity: data.level,
    dataNames: data.names,
  };
}

function boundarySite(b: BoundaryNode, f: Facts, rule: CompiledRule, ctx: AnalyzerContext): ThreatSite {
  const data = modelData(ctx.graph);
  return {
    element: b.id,
    elementKind: 'boundary',
    evidence: evidenceOf(rule, f, b.id, {}),
    placeholders: names(b.name, '', '', b.def.kind, data.names.join(', '), ''),
    controls: new Set((f.account as Facts).controls as string[]),
    exposed: b.untrusted,
    privileged: false,
    dataSensitivity: data.level,
    dataNames: data.names,
  };
}
