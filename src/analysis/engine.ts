/** validated model + rules (+ live facts) → threats. */
import type { Diagnostic } from '../model/diagnostics.js';
import type { ModelGraph } from '../model/graph.js';
import type { CompiledRule } from '../rules/load.js';
import { VERSION } from '../version.js';
import { ANALYZERS } from './analyzers/index.js';
import { findAttackPaths } from './attack-paths.js';
import { buildFacts } from './facts-builder.js';
import type { VerificationFacts } from './facts.js';
import { type AnalyzerContext, modelDataOf, names } from './analyzer.js';
import { evidenceOf } from './evidence.js';
import { makeThreat, reviseThreat } from './make-threat.js';
import { type AnalysisResult, REPORT_VERSION, sortThreats, summarize } from './result.js';
import { AcceptanceBook } from './status.js';
import type { Threat } from './threat.js';
import { EMPTY } from '../util/empty.js';

export interface AnalyzeOptions {
  readonly today: string;
  readonly verification?: VerificationFacts;
  readonly warnings?: readonly Diagnostic[];
}

export function analyze(graph: ModelGraph, rules: readonly CompiledRule[], options: AnalyzeOptions): AnalysisResult {
  const paths = findAttackPaths(graph);
  const facts = buildFacts(graph, paths, options.verification);
  const book = new AcceptanceBook(graph.model.accept, options.today);
  const dataNameLists = new Map<string, readonly string[]>();
  const ctx: AnalyzerContext = { graph, rules, facts, paths, book, bases: { components: new Map(), flows: new Map() }, dataNameLists, groups: {}, modelData: modelDataOf(graph, dataNameLists) };
  const warnings: Diagnostic[] = [...(options.warnings ?? [])];

  const threats: Threat[] = withDriftEvidence(
    [...ANALYZERS.flatMap((a) => a.analyze(ctx)), ...liveThreats(ctx, options.verification, warnings)],
    rules,
    options.verification,
  );
  sortThreats(threats);

  for (const i of book.unused()) {
    const a = graph.model.accept[i]!;
    const at = graph.source?.keyAt(['accept', i]) ?? { line: 1, column: 1 };
    warnings.push({ severity: 'warning', file: graph.file, ...at, code: 'acceptance-unused', message: `acceptance #${i + 1} (${a.threat}${a.on ? ` on ${a.on}` : ''}) matches no threat; remove it or fix the rule id or element` });
  }

  const m = graph.model;
  return {
    version: REPORT_VERSION,
    tool: { name: 'ztm', version: VERSION },
    model: {
      name: m.name,
      file: graph.file,
      ...(m.description !== undefined ? { description: m.description } : {}),
      ...(m.owner !== undefined ? { owner: m.owner } : {}),
      ...(m.version !== undefined ? { version: String(m.version) } : {}),
      ...(m.updated !== undefined ? { updated: m.updated } : {}),
      ...(m.scope !== undefined ? { scope: m.scope } : {}),
      assumptions: m.assumptions,
      outOfScope: m.out_of_scope,
    },
    rules: { total: rules.length, custom: rules.filter((r) => !r.builtIn).length },
    summary: summarize(threats),
    threats,
    warnings,
    ...(options.verification ? { verification: options.verification } : {}),
  };
}

/** Findings of live verification, turned into threats by their `trigger: live` rules. */
function liveThreats(ctx: AnalyzerContext, verification: VerificationFacts | undefined, warnings: Diagnostic[]): Threat[] {
  if (!verification) return [];
  const byId = new Map(ctx.rules.filter((r) => r.def.trigger === 'live').map((r) => [r.def.id, r]));
  const out = new Map<string, Threat>();
  for (const finding of verification.findings) {
    const rule = byId.get(finding.rule);
    const component = ctx.graph.components.get(finding.element);
    if (!rule || (finding.element !== 'account' && !component)) {
      warnings.push({ severity: 'warning', file: ctx.graph.file, line: 0, column: 0, code: 'live-finding-unmapped', message: `live finding ${finding.rule} on ${finding.element} has no matching live rule or element` });
      continue;
    }
    const f = component ? ctx.facts.component(component) : ctx.facts.account;
    const threat = makeThreat(rule, {
      element: finding.element,
      elementKind: component ? 'component' : 'account',
      facts: f,
      evidence: [...evidenceOf(rule, f, finding.element), ...finding.evidence.map((e) => ({ element: finding.element, attribute: `live.${e.attribute}`, value: e.value }))],
      placeholders: names(component?.name ?? 'the AWS account', '', '', component?.info.service ?? 'AWS account', '', ''),
      controls: component ? ctx.facts.componentControls(component.id) : new Set(),
      exposed: true,
      privileged: component?.def.privileged ?? false,
      dataSensitivity: 'none',
      dataNames: EMPTY,
      path: undefined,
    }, ctx.graph, ctx.book);
    const existing = out.get(threat.id);
    out.set(threat.id, existing ? reviseThreat(existing, { evidence: [...existing.evidence, ...threat.evidence] }) : threat);
  }
  return [...out.values()];
}

/**
 * A declared control the account contradicts is not in effect, so the threats it
 * would close are open; say so in their evidence, naming what the account showed.
 */
function withDriftEvidence(threats: Threat[], rules: readonly CompiledRule[], verification: VerificationFacts | undefined): Threat[] {
  const contradicted = (verification?.checks ?? []).filter((c) => c.status === 'contradicted');
  if (contradicted.length === 0) return threats;
  const closers = new Map(rules.map((r) => [r.def.id, new Set([...(r.def.mitigated_by?.any_of ?? []), ...(r.def.mitigated_by?.all_of ?? [])])]));
  return threats.map((t) => {
    const drift = contradicted.filter((c) => c.element === t.element && closers.get(t.rule)?.has(c.control));
    if (drift.length === 0) return t;
    return reviseThreat(t, { evidence: [...t.evidence, ...drift.map((c) => ({ element: c.element, attribute: `live.contradicted.${c.control}`, value: c.reason }))] });
  });
}
