/**
 * The walk every STRIDE analyzer shares: select the category's rules, visit the
 * elements STRIDE per element assigns to the category, test each rule's
 * condition on the element's facts, and make a threat where it holds.
 * Elements are visited in groups that share what their component kind or flow
 * signature decides; a group the rule's kind-decided conditions reject is
 * skipped whole (prefilter.ts), which changes the work, never the findings.
 */
import { cached } from '../util/cached.js';
import type { BoundaryNode, ComponentNode, FlowNode, ModelGraph } from '../model/graph.js';
import type { Facts } from '../rules/conditions.js';
import type { CompiledRule } from '../rules/load.js';
import { groupBy } from '../util/group-by.js';
import type { AttackPath } from './attack-paths.js';
import { readsAttackPath } from './evidence.js';
import type { FactsIndex } from './facts-builder.js';
import { type ThreatSite, makeThreat } from './make-threat.js';
import { admits } from './prefilter.js';
import { type Sensitivity, maxSensitivity } from './sensitivity.js';
import type { AcceptanceBook } from './status.js';
import { KIND_ATTRIBUTES, SIGNATURE_ATTRIBUTES } from './static-facts.js';
import { STRIDE_PER_ELEMENT } from './stride-per-element.js';
import type { Category, Threat } from './threat.js';

export interface AnalyzerContext {
  readonly graph: ModelGraph;
  readonly rules: readonly CompiledRule[];
  readonly facts: FactsIndex;
  readonly paths: ReadonlyMap<string, AttackPath>;
  readonly book: AcceptanceBook;
  /** What every threat on one element shares, computed for its first threat. */
  readonly bases: { readonly components: Map<ComponentNode, SiteBase>; readonly flows: Map<FlowNode, SiteBase> };
  /** One array per distinct list of data names, shared by every threat that names it (severity is memoised on it). */
  readonly dataNameLists: Map<string, readonly string[]>;
  readonly groups: ElementGroups;
  /** The most sensitive data of the whole model: what a threat to the account or a boundary puts at stake. */
  readonly modelData: ModelData;
}

export interface ModelData {
  readonly level: Sensitivity;
  readonly names: readonly string[];
}

export interface Analyzer {
  readonly category: Category;
  analyze(ctx: AnalyzerContext): Threat[];
}

export function defineAnalyzer(category: Category): Analyzer {
  return { category, analyze: (ctx) => walk(category, ctx) };
}

/** Elements that share what their kind or signature decides, with each element's facts. */
interface Group<N> {
  readonly shared: Facts;
  readonly nodes: readonly N[];
  readonly facts: readonly Facts[];
}

/** Elements in groups, made once per analysis for every walk. */
export interface ElementGroups {
  components?: readonly Group<ComponentNode>[];
  flows?: readonly Group<FlowNode>[];
}

function groupsOf<N>(nodes: readonly N[], shared: (n: N) => Facts, facts: (n: N) => Facts): Group<N>[] {
  return [...groupBy(nodes, shared)].map(([s, members]) => ({ shared: s, nodes: members, facts: members.map(facts) }));
}

function walk(category: Category, ctx: AnalyzerContext): Threat[] {
  const scope = STRIDE_PER_ELEMENT[category];
  const { graph, facts, groups } = ctx;
  const out: Threat[] = [];
  for (const rule of ctx.rules) {
    const def = rule.def;
    if (def.category !== category || def.trigger !== 'model') continue;
    const test = rule.condition.test;
    if (def.applies_to === 'component') {
      const withPath = readsAttackPath(rule);
      groups.components ??= groupsOf([...graph.components.values()], (c) => facts.statics.kindOf(c), (c) => facts.component(c));
      for (const group of groups.components) {
        const element = group.nodes[0]!.element;
        if (!scope.elementTypes.includes(element) || (def.element_types && !def.element_types.includes(element))) continue;
        if (!admits(rule, group.shared, KIND_ATTRIBUTES)) continue;
        for (let i = 0; i < group.nodes.length; i++) {
          const f = group.facts[i]!;
          if (test(f)) out.push(makeThreat(rule, componentSite(group.nodes[i]!, f, withPath, ctx), graph, ctx.book));
        }
      }
    } else if (def.applies_to === 'flow' && scope.flows) {
      groups.flows ??= groupsOf(graph.flows, (f) => facts.statics.signatureOf(f), (f) => facts.flow(f));
      for (const group of groups.flows) {
        if (!admits(rule, group.shared, SIGNATURE_ATTRIBUTES)) continue;
        for (let i = 0; i < group.nodes.length; i++) {
          const f = group.facts[i]!;
          if (test(f)) out.push(makeThreat(rule, flowSite(group.nodes[i]!, f, ctx), graph, ctx.book));
        }
      }
    } else if (def.applies_to === 'account' && scope.account) {
      if (test(facts.account)) out.push(makeThreat(rule, accountSite(facts.account, ctx), graph, ctx.book));
    } else if (def.applies_to === 'boundary' && scope.boundaries) {
      for (const b of graph.boundaries.values()) {
        const f = facts.boundary(b);
        if (test(f)) out.push(makeThreat(rule, boundarySite(b, f, ctx), graph, ctx.book));
      }
    }
  }
  return out;
}

/** The values a rule's templates may name ({element}, {from}, {to}, {kind}, {service}, {data}, {path}). */
export function names(element: string, from: string, to: string, kind: string, data: string, path: string): ThreatSite['placeholders'] {
  return { element, from, to, kind, service: kind, data: data || 'the data it handles', path };
}

/** The names of the data at the given sensitivity, sorted, as the analysis's one array for that list. */
function sensitiveData(data: readonly { name: string; def: { classification: string } }[], level: Sensitivity, ctx: Pick<AnalyzerContext, 'dataNameLists'>): readonly string[] {
  let list = data.filter((d) => d.def.classification === level).map((d) => d.name);
  if (list.length > 1) list = [...new Set(list)].sort();
  // Keyed unambiguously: [] and [''] differ, as do lists whose names hold any separator.
  const key = list.length === 0 ? '' : list.length === 1 ? `=${list[0]!}` : JSON.stringify(list);
  return cached(ctx.dataNameLists, key, () => list);
}

/** What every threat on an element shares: the names its templates use, the sensitive data at stake. */
export interface SiteBase {
  readonly placeholders: ThreatSite['placeholders'];
  readonly dataNames: readonly string[];
}

function componentBase(c: ComponentNode, level: Sensitivity, ctx: AnalyzerContext): SiteBase {
  return cached(ctx.bases.components, c, () => {
    const stored = c.stores.length < 2 ? c.stores.map((d) => d.name) : [...new Set(c.stores.map((d) => d.name))].sort();
    const dataNames = sensitiveData(ctx.facts.dataAround(c), level, ctx);
    return { placeholders: names(c.name, '', '', c.info.service, (stored.length ? stored : dataNames).join(', '), ''), dataNames };
  });
}

function flowBase(flow: FlowNode, level: Sensitivity, ctx: AnalyzerContext): SiteBase {
  return cached(ctx.bases.flows, flow, () => ({
    placeholders: names(flow.name, flow.from.name, flow.to.name, flow.def.protocol, flow.data.map((d) => d.name).join(', '), ''),
    dataNames: sensitiveData(flow.data, level, ctx),
  }));
}

function componentSite(c: ComponentNode, f: Facts, withPath: boolean, ctx: AnalyzerContext): ThreatSite {
  const level = f.data_sensitivity as Sensitivity;
  const base = componentBase(c, level, ctx);
  const path = withPath ? ctx.paths.get(c.id) : undefined;
  return {
    element: c.id,
    elementKind: 'component',
    facts: f,
    evidence: undefined,
    placeholders: path ? { ...base.placeholders, path: path.components.join(' → ') } : base.placeholders,
    controls: ctx.facts.componentControls(c.id),
    exposed: f.exposed === true,
    privileged: c.def.privileged,
    dataSensitivity: level,
    dataNames: base.dataNames,
    path,
  };
}

function flowSite(flow: FlowNode, f: Facts, ctx: AnalyzerContext): ThreatSite {
  const level = f.data_sensitivity as Sensitivity;
  const base = flowBase(flow, level, ctx);
  return {
    element: flow.name,
    elementKind: 'flow',
    facts: f,
    evidence: undefined,
    placeholders: base.placeholders,
    controls: ctx.facts.flowControls(flow),
    exposed: f.crosses_untrusted === true || flow.from.inUntrusted,
    privileged: flow.from.def.privileged,
    dataSensitivity: level,
    dataNames: base.dataNames,
    path: undefined,
  };
}

/** The model's most sensitive data (see AnalyzerContext.modelData), named in the analysis's interned list. */
export function modelDataOf(graph: ModelGraph, dataNameLists: AnalyzerContext['dataNameLists']): ModelData {
  const all = [...graph.data.values()];
  const level = maxSensitivity(all);
  return { level, names: sensitiveData(all, level, { dataNameLists }) };
}

function accountSite(f: Facts, ctx: AnalyzerContext): ThreatSite {
  const data = ctx.modelData;
  return {
    element: 'account',
    elementKind: 'account',
    facts: f,
    evidence: undefined,
    placeholders: names(ctx.graph.account.name ?? 'the AWS account', '', '', 'AWS account', data.names.join(', ') || 'every resource in the account', ''),
    controls: new Set(f.controls as string[]),
    // Account rules carry their exposure in their baseline: the console and APIs are always on the internet.
    exposed: false,
    privileged: false,
    dataSensitivity: data.level,
    dataNames: data.names,
    path: undefined,
  };
}

function boundarySite(b: BoundaryNode, f: Facts, ctx: AnalyzerContext): ThreatSite {
  const data = ctx.modelData;
  return {
    element: b.id,
    elementKind: 'boundary',
    facts: f,
    evidence: undefined,
    placeholders: names(b.name, '', '', b.def.kind, data.names.join(', '), ''),
    controls: new Set((f.account as Facts).controls as string[]),
    exposed: b.untrusted,
    privileged: false,
    dataSensitivity: data.level,
    dataNames: data.names,
    path: undefined,
  };
}
