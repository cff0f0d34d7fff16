/** The one place a Threat is made: identity, severity, status, evidence. */
import { cached } from '../util/cached.js';
import type { ModelGraph } from '../model/graph.js';
import { threatId } from '../model/threat-id.js';
import type { CompiledRule } from '../rules/load.js';
import type { Sensitivity } from './sensitivity.js';
import { assessSeverity } from './severity.js';
import { type Placeholders, inapplicable, makeRecommendations, makeStatement } from './statement.js';
import { evidenceOf } from './evidence.js';
import type { AttackPath } from './attack-paths.js';
import type { Facts } from '../rules/conditions.js';
import type { AcceptanceBook, StatusDecision } from './status.js';
import type { RuleDef } from '../rules/schema.js';
import type { Acceptance, ElementKind, Evidence, RecommendedControl, References, Severity, SeverityReasoning, SourceLocation, Status, Threat, ThreatStatement } from './threat.js';

/** Where a rule fired, and what the threat's identity, severity, status and text are made from. */
export interface ThreatSite {
  readonly element: string;
  readonly elementKind: ElementKind;
  /** The element's facts: the evidence is read from them when asked for. */
  readonly facts: Facts;
  /** Evidence given outright instead (live findings). */
  readonly evidence: readonly Evidence[] | undefined;
  readonly placeholders: Placeholders;
  readonly controls: ReadonlySet<string>;
  readonly exposed: boolean;
  readonly privileged: boolean;
  readonly dataSensitivity: Sensitivity;
  readonly dataNames: readonly string[];
  readonly path: AttackPath | undefined;
}

export function makeThreat(rule: CompiledRule, site: ThreatSite, graph: ModelGraph, book: AcceptanceBook): Threat {
  const def = rule.def;
  const id = threatId(def.id, site.element);
  const { severity, reasoning } = assessSeverity(def.severity, {
    exposed: site.exposed,
    dataSensitivity: site.dataSensitivity,
    dataNames: site.dataNames,
    privileged: site.privileged,
    pathLength: site.path ? site.path.components.length - 1 : undefined,
  });
  const decision = book.decide(id, def, site.controls);
  return new ThreatRecord(id, rule, site, severity, reasoning, decision, graph);
}

/** A threat with some fields changed (live evidence, a severity override): the rest, and the lazy text, carried over. */
export function reviseThreat(t: Threat, patch: Partial<Pick<Threat, 'evidence' | 'severity' | 'severityReasoning'>>): Threat {
  return t instanceof ThreatRecord ? t.revised(patch) : { ...t, ...patch };
}

/**
 * The threats the analysis makes: one class, so every threat has one shape and
 * costs one allocation. What a report may not read (the statement, the
 * filled-in recommendations, the evidence) is made each time it is read, from
 * the rule and the element's shared facts, and not kept; the source location
 * is kept by the graph, one per element. Large models have tens of thousands
 * of mitigated threats no terminal shows, and objects made for a report and
 * dropped cost far less than objects kept. `toJSON` gives the report's field
 * order.
 */
class ThreatRecord implements Threat {
  readonly rule: string;
  readonly category: Threat['category'];
  readonly element: string;
  readonly elementKind: ElementKind;
  readonly title: string;
  readonly severity: Severity;
  readonly severityReasoning: SeverityReasoning;
  readonly status: Status;
  readonly mitigatedBy: readonly string[];
  readonly acceptance: Acceptance | undefined;
  readonly controls: readonly string[];
  readonly references: References;
  readonly path: readonly string[] | undefined;
  readonly #rule: CompiledRule;
  readonly #graph: ModelGraph;
  readonly #facts: Facts;
  readonly #placeholders: Placeholders;
  readonly #attackPath: AttackPath | undefined;
  #evidence: readonly Evidence[] | undefined;
  /** The recommendations that do not apply to the element (see inapplicable), decided once. */
  readonly #inapplicable: number;

  constructor(
    readonly id: string,
    rule: CompiledRule,
    site: Pick<ThreatSite, 'element' | 'elementKind' | 'facts' | 'evidence' | 'placeholders' | 'path'>,
    severity: Severity,
    reasoning: SeverityReasoning,
    decision: StatusDecision,
    graph: ModelGraph,
  ) {
    this.#graph = graph;
    const def = rule.def;
    this.#rule = rule;
    this.#facts = site.facts;
    this.#placeholders = site.placeholders;
    this.#attackPath = site.path;
    this.#evidence = site.evidence;
    this.rule = def.id;
    this.category = def.category;
    this.element = site.element;
    this.elementKind = site.elementKind;
    this.title = def.title;
    this.severity = severity;
    this.severityReasoning = reasoning;
    this.status = decision.status;
    this.mitigatedBy = decision.mitigatedBy;
    this.acceptance = decision.acceptance;
    this.#inapplicable = inapplicable(rule, site.facts);
    this.controls = controlsOf(def, this.#inapplicable);
    this.references = referencesOf(def);
    this.path = site.path?.components;
  }

  /** Not kept: each read makes it anew from the facts (reports read it once). */
  get evidence(): readonly Evidence[] {
    return this.#evidence ?? evidenceOf(this.#rule, this.#facts, this.element, this.#attackPath);
  }

  /** Found in the model's source when a report asks (the design review never does). */
  get location(): SourceLocation {
    return this.#graph.location(this.element);
  }

  /** Not kept either: reports read it once per threat. */
  get statement(): ThreatStatement {
    return makeStatement(this.#rule.def, this.#placeholders);
  }

  /** Not kept: reports read it once per threat (the control checklist once per control, from its first threat). */
  get recommendations(): readonly RecommendedControl[] {
    return makeRecommendations(this.#rule.def, this.#placeholders, this.#inapplicable);
  }

  revised(patch: Partial<Pick<Threat, 'evidence' | 'severity' | 'severityReasoning'>>): ThreatRecord {
    const site = { element: this.element, elementKind: this.elementKind, facts: this.#facts, evidence: patch.evidence ?? this.#evidence, placeholders: this.#placeholders, path: this.#attackPath };
    return new ThreatRecord(this.id, this.#rule, site, patch.severity ?? this.severity, patch.severityReasoning ?? this.severityReasoning, this, this.#graph);
  }

  /** The report's fields, in the report's order; optional ones undefined (JSON leaves them out). */
  toJSON(): Threat {
    return {
      id: this.id,
      rule: this.rule,
      category: this.category,
      element: this.element,
      elementKind: this.elementKind,
      title: this.title,
      statement: this.statement,
      evidence: this.evidence,
      severity: this.severity,
      severityReasoning: this.severityReasoning,
      status: this.status,
      mitigatedBy: this.mitigatedBy,
      acceptance: this.acceptance,
      controls: this.controls,
      recommendations: this.recommendations,
      references: this.references,
      path: this.path,
      location: this.location,
    };
  }
}

const referencesByRule = new WeakMap<RuleDef, References>();

/** One shared, read-only references object per rule. */
function referencesOf(def: RuleDef): References {
  return cached(referencesByRule, def, ({ references: r }) => ({ securityHub: r.security_hub, cis: r.cis, wellArchitected: r.well_architected, attack: r.attack, docs: r.docs }));
}

/** Per rule, the lists of recommended controls by which recommendations apply (a bit each; 0 for all). */
const controlsByRule = new WeakMap<RuleDef, Map<number, readonly string[]>>();

/**
 * The controls recommended for the element, by catalog name: those of the
 * recommendations not `left` out (see inapplicable), one shared list per rule
 * and set of applicable recommendations.
 */
function controlsOf(def: RuleDef, left: number): readonly string[] {
  const lists = cached(controlsByRule, def, () => new Map<number, readonly string[]>());
  return cached(lists, left, (out) => [...new Set(def.recommend.filter((_, i) => !(out & (1 << i))).map((r) => r.control))]);
}
