/** The one place a Threat is made: identity, severity, status, evidence. */
import type { ModelGraph } from '../model/graph.js';
import type { CompiledRule } from '../rules/load.js';
import type { Sensitivity } from './sensitivity.js';
import { assessSeverity } from './severity.js';
import { type Placeholders, fillTemplate, makeStatement } from './statement.js';
import type { AcceptanceBook } from './status.js';
import type { RuleDef } from '../rules/schema.js';
import type { ElementKind, Evidence, RecommendedControl, References, Threat, ThreatStatement } from './threat.js';

export function threatId(rule: string, element: string): string {
  return `${rule}@${element}`;
}

export interface ThreatSite {
  readonly element: string;
  readonly elementKind: ElementKind;
  readonly evidence: readonly Evidence[];
  readonly placeholders: Placeholders;
  readonly controls: ReadonlySet<string>;
  readonly exposed: boolean;
  readonly privileged: boolean;
  readonly dataSensitivity: Sensitivity;
  readonly dataNames: readonly string[];
  readonly path?: readonly string[];
}

export function makeThreat(rule: CompiledRule, site: ThreatSite, graph: ModelGraph, book: AcceptanceBook): Threat {
  const def = rule.def;
  const id = threatId(def.id, site.element);
  const { severity, reasoning } = assessSeverity(def.severity, {
    exposed: site.exposed,
    dataSensitivity: site.dataSensitivity,
    dataNames: site.dataNames,
    privileged: site.privileged,
    pathLength: site.path ? site.path.length - 1 : undefined,
  });
  const decision = book.decide(id, def, site.element, site.controls);
  // The statement and the filled-in recommendations are written when a report first
  // reads them: large models have thousands of mitigated threats no terminal shows.
  let statement: ThreatStatement | undefined;
  let recommendations: RecommendedControl[] | undefined;
  return {
    id,
    rule: def.id,
    category: def.category,
    element: site.element,
    elementKind: site.elementKind,
    title: def.title,
    get statement() {
      return (statement ??= makeStatement(def.statement, site.placeholders));
    },
    evidence: site.evidence,
    severity,
    severityReasoning: reasoning,
    status: decision.status,
    mitigatedBy: decision.mitigatedBy,
    // Optional fields are undefined rather than absent: JSON leaves them out, and the
    // object keeps one shape (no spreads on the hot path).
    acceptance: decision.acceptance,
    controls: controlsOf(def),
    get recommendations() {
      return (recommendations ??= def.recommend.map((r) => {
        const how = fillTemplate(r.how, site.placeholders);
        return how === r.how ? r : { ...r, how };
      }));
    },
    references: referencesOf(def),
    path: site.path,
    location: graph.location(site.element),
  };
}

const referencesByRule = new WeakMap<RuleDef, References>();

/** One shared, read-only references object per rule. */
function referencesOf(def: RuleDef): References {
  let refs = referencesByRule.get(def);
  if (!refs) {
    const r = def.references;
    refs = { securityHub: r.security_hub, cis: r.cis, wellArchitected: r.well_architected, attack: r.attack, docs: r.docs };
    referencesByRule.set(def, refs);
  }
  return refs;
}

const controlsByRule = new WeakMap<RuleDef, readonly string[]>();

/** The recommended controls of a rule, by catalog name: one shared list per rule. */
function controlsOf(def: RuleDef): readonly string[] {
  let controls = controlsByRule.get(def);
  if (!controls) controlsByRule.set(def, (controls = [...new Set(def.recommend.map((r) => r.control))]));
  return controls;
}
