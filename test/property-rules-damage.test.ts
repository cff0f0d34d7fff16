/**
 * Rule files come from pull requests too (`--rules DIR`). A valid rule file (a
 * built-in one, or a team rule file from the fixtures) with bytes flipped, lines
 * cut, moved or re-indented, keys deleted or renamed, or values of the wrong type,
 * either loads or is refused with an InputError whose every diagnostic points
 * inside the file; never another exception. Through the CLI: exit 2 with
 * `file:line:column:` messages and nothing on stdout, never a stack trace.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import yaml from 'js-yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/model/diagnostics.js';
import { loadRuleFile } from '../src/rules/load.js';
import { applyDamage, damageArb, expectPositioned, linesOf, removeTemp, writeTemp } from './helpers/arbitraries.js';
import { ROOT, fixture, runZtm } from './helpers/cli.js';

const SEED = 42;
afterAll(removeTemp);

const filesIn = (dir: string) => readdirSync(`${ROOT}${dir}`).filter((f) => f.endsWith('.yaml')).sort().map((f) => readFileSync(`${ROOT}${dir}/${f}`, 'utf8'));
const RULE_TEXTS = [...filesIn('rules'), ...['good', 'conditional', 'boundary'].flatMap((d) => filesIn(`fixtures/custom-rules/${d}`))];
const damaged = (min: number, max: number) => fc.tuple(fc.constantFrom(...RULE_TEXTS), fc.array(damageArb, { minLength: min, maxLength: max })).map(([text, damages]) => applyDamage(text, damages));

/** Places in a rule where the loader reads a value of a given shape ('*' is the key of a condition). */
const RULE_PATHS: readonly (readonly (string | number)[])[] = [
  ['id'], ['category'], ['title'], ['applies_to'], ['element_types'], ['trigger'], ['when'], ['when', 0], ['when', 0, '*'],
  ['statement'], ['statement', 'source'], ['severity'], ['severity', 'likelihood'], ['severity', 'impact_from_data'],
  ['recommend'], ['recommend', 0], ['recommend', 1], ['recommend', 0, 'control'], ['recommend', 0, 'how'], ['recommend', 0, 'when'], ['recommend', 0, 'when', 0], ['recommend', 1, 'when', 0, '*'],
  ['mitigated_by'], ['mitigated_by', 'any_of'], ['references'], ['references', 'docs'], ['references', 'cis', 0],
];
const WRONG: readonly unknown[] = [null, 0, -1, 2.5, true, '', 'x', 'lambda', [], [null], [{}], [{ a: 1, b: 2 }], {}, { all: [] }, { not: null }, { kind: { in: 3 } }, { exposed: { at_least: 'high' } }, 'x'.repeat(2000), '__proto__'];

/** A rule file with one value replaced by one of the wrong type or shape, where a rule's fields are. */
const wrongValue = fc.tuple(fc.constantFrom(...RULE_TEXTS), fc.nat(), fc.constantFrom(...RULE_PATHS), fc.constantFrom(...WRONG)).map(([text, n, path, value]) => {
  const doc = yaml.load(text, { schema: yaml.CORE_SCHEMA }) as { rules: Record<string, unknown>[] };
  let at: unknown = doc.rules[n % doc.rules.length];
  for (const key of path.slice(0, -1)) {
    const k = key === '*' ? Object.keys(at as object)[0] : key;
    if (at === null || typeof at !== 'object' || k === undefined || !((k as string) in (at as object))) return Buffer.from(text);
    at = (at as Record<string | number, unknown>)[k];
  }
  const last = path[path.length - 1]!;
  const key = last === '*' ? Object.keys((at ?? {}) as object)[0] : last;
  if (at === null || typeof at !== 'object' || key === undefined) return Buffer.from(text);
  (at as Record<string | number, unknown>)[key] = structuredClone(value);
  return Buffer.from(yaml.dump(doc, { schema: yaml.CORE_SCHEMA, lineWidth: -1, noRefs: true }));
});

/** Loads the rule file: true when it loads; false when refused with positioned errors; anything else fails. */
function loads(file: string, bytes: Uint8Array): boolean {
  try {
    loadRuleFile(file, false);
    return true;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    expect(err.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expectPositioned(err.diagnostics, file, linesOf(bytes));
    return false;
  }
}

describe('property: a damaged rule file loads or is refused with positions', () => {
  // Fails if: a check throws something other than InputError (a TypeError on a recommendation
  // that is not a mapping, a condition compiler meeting an unexpected shape), or a position
  // lies outside the file.
  it('in process: loadRuleFile returns or throws InputError with in-file positions', () => {
    let refused = 0;
    fc.assert(
      fc.property(damaged(1, 3), (bytes) => {
        if (!loads(writeTemp(bytes, 'team.yaml'), bytes)) refused++;
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(200);
    expect(refused).toBeLessThan(400);
  });

  // Fails if: the loader assumes the shape zod has not checked yet, e.g. reads `when` of a
  // recommendation that is null, or compiles a condition that is not a mapping.
  it('in process: a value of the wrong type anywhere in a rule is refused with positions, never thrown', () => {
    let refused = 0;
    fc.assert(
      fc.property(wrongValue, (bytes) => {
        if (!loads(writeTemp(bytes, 'team.yaml'), bytes)) refused++;
      }),
      { seed: SEED, numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(300);
  });

  it('through the CLI: exit 0/1 with a report, or 2 with file:line:column messages; never a stack trace', () => {
    const model = fixture('valid/orders-platform.yaml');
    fc.assert(
      fc.property(damaged(1, 2), (bytes) => {
        const file = writeTemp(bytes, 'team.yaml');
        const ok = loads(file, bytes);
        const r = runZtm(['analyze', model, '--no-builtin-rules', '--rules', file, '--format', 'json', '--fail-on', 'none']);
        expect(r.stderr).not.toMatch(/^\s+at /m);
        expect(r.stderr).not.toMatch(/internal error|TypeError|RangeError|ReferenceError|SyntaxError|YAMLException/);
        if (ok) {
          expect(r.code, r.stderr).toBe(0);
          expect(JSON.parse(r.stdout).version).toBe(1);
        } else {
          expect(r.code, r.stderr).toBe(2);
          expect(r.stdout).toBe('');
          const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          for (const line of r.stderr.trimEnd().split('\n')) expect(line).toMatch(new RegExp(`^${escaped}:\\d+:\\d+: (error|warning): `));
        }
      }),
      { seed: SEED, numRuns: 15 },
    );
  }, 120_000);
});
