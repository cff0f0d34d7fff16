/**
 * Properties of the analysis over random VALID models (test/helpers/arbitraries.ts):
 * it never throws, its report is deterministic and follows the schema, and threat
 * ids are stable across reordering, across adding, renaming or removing an element
 * nothing else touches, and follow a renamed component.
 *
 * Each property names mutations of src/ that make it fail. Tried for real, then reverted:
 * - a component's index among the components appended to its threat ids (make-threat.ts):
 *   fails the first, the unrelated and the rename properties;
 * - a flow's index in its threats' evidence (analyzer.ts): fails the reorder property;
 * - attack paths following flows in file order, not sorted (attack-paths.ts): reorder;
 * - a boundary's members counted through nested boundaries (facts-builder.ts): unrelated;
 * - an acceptance expired on its `expires` day (`<=` in status.ts): the first property;
 * - a call counter in the evidence of every 97th threat (make-threat.ts): the first property.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { findAttackPaths } from '../src/analysis/attack-paths.js';
import { analyze } from '../src/analysis/engine.js';
import { buildFacts } from '../src/analysis/facts-builder.js';
import { type AnalysisResult, gate } from '../src/analysis/result.js';
import { InputError } from '../src/model/diagnostics.js';
import type { ModelGraph } from '../src/model/graph.js';
import { loadModel } from '../src/model/load.js';
import { REPORT_SCHEMA_FILE } from '../src/report/artifacts.js';
import { renderJson } from '../src/report/json.js';
import { type Rename, TODAY, acceptElement, flowNameOf, freshIdArb, modelSpecArb, propertyRules, reorderedArb, removeTemp, toYaml, unrelatedArb, withUnrelated, writeTemp } from './helpers/arbitraries.js';
import { ROOT } from './helpers/cli.js';

/** Built-in rules and a few team rules (boundary scope, neighbours' facts): see arbitraries.ts. */
const RULES = propertyRules();
const SEED = 42;
afterAll(removeTemp);
const validateReport = new Ajv2020.default({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(join(ROOT, REPORT_SCHEMA_FILE), 'utf8')));

interface Run {
  readonly graph: ModelGraph;
  readonly result: AnalysisResult;
  readonly json: string;
}

/** Load and analyze a model text as `ztm analyze --format json` does; a refused model fails with its diagnostics. */
function run(text: string, file = writeTemp(text)): Run {
  let loaded;
  try {
    loaded = loadModel(file, { today: TODAY });
  } catch (err) {
    if (err instanceof InputError) throw new Error(`a valid model was refused:\n${err.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`).join('\n')}\n---\n${text}`);
    throw err;
  }
  const result = analyze(loaded.graph, RULES, { today: TODAY, warnings: loaded.warnings });
  return { graph: loaded.graph, result, json: renderJson(result, gate(result, 'high')) };
}

type Plain = Record<string, unknown> & { id: string; rule: string; element: string; status: string; severity: string };
/** Threats by id, as the JSON report has them, without `location` (lines move when the file changes). */
function threatsById(r: Run, keep: (t: Plain) => boolean = () => true): Map<string, Plain> {
  const out = new Map<string, Plain>();
  for (const t of JSON.parse(JSON.stringify(r.result.threats)) as Plain[]) {
    if (!keep(t)) continue;
    const { location: _location, ...rest } = t;
    out.set(t.id, rest as Plain);
  }
  return out;
}
const sorted = (m: Map<string, Plain>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** What a threat's identity and verdict are, once its element is set aside. */
const verdict = (t: Plain) => ({ rule: t.rule, category: t.category, elementKind: t.elementKind, status: t.status, severity: t.severity, mitigatedBy: t.mitigatedBy, acceptance: t.acceptance });

const accountFacts = (graph: ModelGraph) => JSON.stringify(buildFacts(graph, findAttackPaths(graph)).account);

describe('property: any valid model analyzes, deterministically', () => {
  // Fails if: an analyzer throws on a corner of the language (e.g. `stores` of a kind with
  // no data, a flow between two external entities); any ordering uses Map/Set insertion
  // order of a cache, Math.random or the clock (e.g. a module-level counter in evidence);
  // a threat's id is built from anything but rule@element; a status ignores an acceptance
  // or its expiry (e.g. `<=` for `<` in AcceptanceBook.decide).
  it('never throws; two runs (cached and fresh) give byte-identical JSON; ids, elements, statuses and the schema hold', () => {
    fc.assert(
      fc.property(modelSpecArb(), (spec) => {
        const text = toYaml(spec);
        const file = writeTemp(text);
        const first = run(text, file);
        const again = renderJson(analyze(first.graph, RULES, { today: TODAY, warnings: [] }), gate(first.result, 'high'));
        const fresh = run(text, file);
        expect(fresh.json).toBe(first.json);
        // the same graph analyzed twice (element caches warm) gives the same threats
        expect(JSON.parse(again).threats).toEqual(JSON.parse(first.json).threats);

        const report = JSON.parse(first.json);
        expect(validateReport(report), JSON.stringify(validateReport.errors?.slice(0, 3))).toBe(true);

        const elements = new Map<string, string>([
          ['account', 'account'],
          ...spec.components.map((c) => [c.id, 'component'] as [string, string]),
          ...spec.boundaries.map((b) => [b.id, 'boundary'] as [string, string]),
          ...spec.flows.map((f) => [flowNameOf(f), 'flow'] as [string, string]),
        ]);
        const acceptances = new Map(spec.accept.map((a) => [`${a.rule}@${acceptElement(spec, a)}`, a]));
        const ids = new Set<string>();
        for (const t of first.result.threats) {
          expect(ids.has(t.id), `duplicate threat id ${t.id}`).toBe(false);
          ids.add(t.id);
          expect(t.id).toBe(`${t.rule}@${t.element}`);
          expect(elements.get(t.element), t.id).toBe(t.elementKind);
          expect(t.location.line).toBeGreaterThanOrEqual(1);
          // a fix for every threat, and its controls are those of the recommendations that apply to its element
          expect(t.recommendations.length, t.id).toBeGreaterThan(0);
          expect(t.controls, t.id).toEqual([...new Set(t.recommendations.map((r) => r.control))]);
          // status: declared controls close it; else an acceptance (until it expires); else open
          const a = acceptances.get(t.id);
          const expected = t.mitigatedBy.length ? 'mitigated' : a === undefined ? 'open' : a.expires < TODAY ? 'acceptance-expired' : 'accepted';
          expect(t.status, t.id).toBe(expected);
        }
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('property: threat ids are stable', () => {
  // Fails if: an id or a verdict depends on the place of an element in the file, e.g.
  // threatId(rule, `${element}#${flow.index}`), components not sorted by id in
  // buildGraph while attack paths break ties by queue order, attack paths following flows
  // in file order, or acceptances matched by position.
  it('reordering components, boundaries, data, flows and acceptances changes no threat (location aside)', () => {
    fc.assert(
      fc.property(
        modelSpecArb().chain((spec) => fc.tuple(fc.constant(spec), reorderedArb(spec))),
        ([spec, reordered]) => {
          const a = run(toYaml(spec));
          const b = run(toYaml(reordered));
          expect(sorted(threatsById(b))).toEqual(sorted(threatsById(a)));
          expect(b.result.summary).toEqual(a.result.summary);
        },
      ),
      { seed: SEED, numRuns: 100 },
    );
  });

  // "Unrelated" is defined in arbitraries.ts (unrelatedArb): a component with no flows,
  // storing only existing data, that changes no account fact, or an empty boundary
  // that is no vpc; no acceptance names it. What may change is the element itself and
  // the boundary a new component sits directly in (its component_kinds and count).
  // Everything else must keep its id, rule, status, severity, evidence and statement:
  // adding it (base → with), removing it (with → base: the same equality read backwards),
  // and renaming it (with → renamed).
  // Fails if: ids carry an index among the components (a new one shifts the others);
  // account facts count every component (e.g. has_exposed_components true for any
  // internet_facing-or-in-boundary component); a boundary's facts count nested ones;
  // severities read the whole model's component count; an attack path may start from
  // a component without flows.
  it('adding, renaming or removing an unrelated element changes only its own threats (and its boundary\'s)', () => {
    fc.assert(
      fc.property(
        modelSpecArb().chain((spec) => fc.record({ spec: fc.constant(spec), u: unrelatedArb(spec), at: fc.nat() })),
        ({ spec, u, at }) => {
          const x = u.element.spec.id;
          const y = u.renamed;
          const withX = withUnrelated(spec, u.element, at);
          const rename: Rename = (id) => (id === x ? y : id);
          const base = run(toYaml(spec));
          const added = run(toYaml(withX));
          const renamed = run(toYaml(withX, rename));

          // the definition of "unrelated" holds: no account fact changed
          expect(accountFacts(added.graph)).toBe(accountFacts(base.graph));
          expect(accountFacts(renamed.graph)).toBe(accountFacts(base.graph));

          const home = u.element.what === 'component' ? u.element.spec.in : undefined;
          const far = (t: Plain) => t.element !== x && t.element !== y && t.element !== home;
          expect(sorted(threatsById(added, far))).toEqual(sorted(threatsById(base, far)));
          expect(sorted(threatsById(renamed, far))).toEqual(sorted(threatsById(base, far)));

          // its own threats follow it under the new name, with the same verdicts
          const on = (r: Run, id: string) => [...threatsById(r, (t) => t.element === id).values()].map(verdict).sort((p, q) => (p.rule < q.rule ? -1 : 1));
          expect(on(renamed, y)).toEqual(on(added, x));
          expect(on(renamed, x)).toEqual([]);
          if (home !== undefined) expect(sorted(threatsById(renamed, (t) => t.element === home))).toEqual(sorted(threatsById(added, (t) => t.element === home)));
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
  });

  // Renaming a component that does take part (flows, boundary, trail bucket,
  // acceptances) is a bijection on ids: every threat on it or on a flow named after it
  // gets the renamed id with the same rule, status, severity and acceptance; every
  // other id stays. Attack-path evidence may pick another path of the same length
  // (ties break by id), so evidence is not compared; the path length, which sets
  // severity, is.
  // Fails if: a rule, severity or status depends on the text of an id (e.g. ties in
  // attack paths broken by id and counted into severity, acceptances matched by a
  // prefix of the id), or a flow's name is frozen before its ends are renamed.
  it('renaming any component maps threat ids by the renaming and keeps every verdict', () => {
    fc.assert(
      fc.property(
        modelSpecArb().chain((spec) => fc.record({ spec: fc.constant(spec), which: fc.nat(), to: freshIdArb(spec) })),
        ({ spec, which, to }) => {
          const x = spec.components[which % spec.components.length]!.id;
          const rename: Rename = (id) => (id === x ? to : id);
          const before = run(toYaml(spec));
          const after = run(toYaml(spec, rename));
          const elementName = new Map<string, string>([[x, to], ...spec.flows.map((f) => [flowNameOf(f), flowNameOf(f, rename)] as [string, string])]);
          const expected = [...threatsById(before).values()].map((t) => [`${t.rule}@${elementName.get(t.element) ?? t.element}`, verdict(t)] as const);
          const actual = [...threatsById(after).values()].map((t) => [t.id, verdict(t)] as const);
          const byId = (p: readonly [string, unknown], q: readonly [string, unknown]) => (p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : 0);
          expect(actual.sort(byId)).toEqual(expected.sort(byId));
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
  });
});

