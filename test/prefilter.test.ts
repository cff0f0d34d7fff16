/**
 * The analysis tests a rule's kind- and signature-decided conjuncts once per
 * kind or flow signature and skips the groups they reject (src/analysis/prefilter.ts).
 * That must change what is computed, never what is found: these tests hold the
 * analysis against a brute-force oracle that tests every rule's whole condition
 * on every element STRIDE per element gives it, with no grouping at all.
 *
 * Fails if: a getter in facts-builder.ts stops reading what static-facts.ts decides
 * (e.g. `human` from the component's own definition), an attribute that depends on
 * more than the kind or signature is listed in KIND_ATTRIBUTES or SIGNATURE_ATTRIBUTES
 * (e.g. `exposed`), a conjunct under `not` or `any` is pre-decided wrongly, or groups
 * are keyed by something coarser than what their facts depend on.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findAttackPaths } from '../src/analysis/attack-paths.js';
import { analyze } from '../src/analysis/engine.js';
import { buildFacts } from '../src/analysis/facts-builder.js';
import { admits } from '../src/analysis/prefilter.js';
import { KIND_ATTRIBUTES, SIGNATURE_ATTRIBUTES } from '../src/analysis/static-facts.js';
import { STRIDE_PER_ELEMENT } from '../src/analysis/stride-per-element.js';
import type { ModelGraph } from '../src/model/graph.js';
import { loadModel } from '../src/model/load.js';
import { readPath } from '../src/rules/conditions.js';
import { type CompiledRule, loadRules } from '../src/rules/load.js';
import { TODAY, modelSpecArb, propertyRules, removeTemp, toYaml, writeTemp } from './helpers/arbitraries.js';
import { ROOT } from './helpers/cli.js';

afterAll(removeTemp);

/** Ids of the threats the model's rules raise, found the slow way: every rule on every element of its scope. */
function oracle(graph: ModelGraph, rules: readonly CompiledRule[]): string[] {
  const facts = buildFacts(graph, findAttackPaths(graph));
  const ids: string[] = [];
  for (const rule of rules) {
    const def = rule.def;
    if (def.trigger !== 'model') continue;
    const scope = STRIDE_PER_ELEMENT[def.category];
    if (def.applies_to === 'component') {
      for (const c of graph.components.values()) {
        if (!scope.elementTypes.includes(c.element) || (def.element_types && !def.element_types.includes(c.element))) continue;
        if (rule.condition.test(facts.component(c))) ids.push(`${def.id}@${c.id}`);
      }
    } else if (def.applies_to === 'flow' && scope.flows) {
      for (const f of graph.flows) if (rule.condition.test(facts.flow(f))) ids.push(`${def.id}@${f.name}`);
    } else if (def.applies_to === 'account' && scope.account) {
      if (rule.condition.test(facts.account)) ids.push(`${def.id}@account`);
    } else if (def.applies_to === 'boundary' && scope.boundaries) {
      for (const b of graph.boundaries.values()) if (rule.condition.test(facts.boundary(b))) ids.push(`${def.id}@${b.id}`);
    }
  }
  return ids.sort();
}

const found = (graph: ModelGraph, rules: readonly CompiledRule[]) =>
  analyze(graph, rules, { today: TODAY }).threats.map((t) => t.id).sort();

const FIXTURE_DIRS = ['fixtures/valid', 'fixtures/analysis', 'fixtures/hostile', ...readdirSync(join(ROOT, 'fixtures/rules')).map((d) => `fixtures/rules/${d}`)];
const fixtures = FIXTURE_DIRS.flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.yaml')).map((f) => join(ROOT, d, f)));

describe('the kind and signature prefilter', () => {
  const rules = loadRules();

  it('finds exactly what testing every rule on every element finds, on every fixture', () => {
    expect(fixtures.length).toBeGreaterThan(20);
    for (const file of fixtures) {
      const { graph } = loadModel(file, { today: TODAY });
      expect(found(graph, rules), file).toEqual(oracle(graph, rules));
    }
  });

  it('agrees with the oracle on random valid models, team rules included', () => {
    const withTeamRules = propertyRules();
    fc.assert(
      fc.property(modelSpecArb(), (spec) => {
        const { graph } = loadModel(writeTemp(toYaml(spec)), { today: TODAY });
        expect(found(graph, withTeamRules)).toEqual(oracle(graph, withTeamRules));
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('reads kind- and signature-decided attributes from the same shared object every element of the group reads', () => {
    for (const file of fixtures.filter((f) => f.includes('/valid/'))) {
      const { graph } = loadModel(file, { today: TODAY });
      const facts = buildFacts(graph, findAttackPaths(graph));
      for (const c of graph.components.values()) {
        const shared = facts.statics.kindOf(c);
        for (const a of KIND_ATTRIBUTES) expect(facts.component(c)[a], `${c.id}.${a}`).toEqual(shared[a]);
      }
      for (const f of graph.flows) {
        const shared = facts.statics.signatureOf(f);
        for (const a of SIGNATURE_ATTRIBUTES) expect(readPath(facts.flow(f), a.split('.')), `${f.name}.${a}`).toEqual(readPath(shared, a.split('.')));
      }
    }
  });

  it('pre-decides only the conjuncts that read nothing but kind-decided attributes', () => {
    const { graph } = loadModel(join(ROOT, 'fixtures/valid/orders-platform.yaml'), { today: TODAY });
    const facts = buildFacts(graph, findAttackPaths(graph));
    const rule = rules.find((r) => r.def.id === 'denial-of-service.web-entry-without-rate-limit')!;
    // `traits has web-entry` is decided by the kind; `exposed: true` is not and is left to each element.
    const alb = [...graph.components.values()].find((c) => c.kind === 'alb')!;
    const store = [...graph.components.values()].find((c) => c.element === 'data-store')!;
    expect(admits(rule, facts.statics.kindOf(alb), KIND_ATTRIBUTES)).toBe(true);
    expect(admits(rule, facts.statics.kindOf(store), KIND_ATTRIBUTES)).toBe(false);
    // Admitting the kind decides nothing for the element: its `exposed` is still tested on it.
    expect(rule.condition.test(facts.component(alb))).toBe(facts.component(alb).exposed === true);
  });
});
