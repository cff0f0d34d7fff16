/**
 * safeParseBounded: zod's issues of a value with any number of problems. A value
 * with a long list or mapping is checked part by part, a chunk of entries at a
 * time, and checking stops at the first 10,000 issues; past about 100,000 issues
 * in one list zod overflows the stack, and ztm takes the value apart there too.
 * Both ways must find what zod finds, and give zod's data for a valid value.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/model/diagnostics.js';
import { Architecture } from '../src/model/schema.js';
import { readYamlFile } from '../src/model/yaml-source.js';
import { Report } from '../src/report/report-schema.js';
import { Rule } from '../src/rules/schema.js';
import { issuesByParts, listingStopped, safeParseBounded, z } from '../src/util/zod.js';
import { fixture, runZtm } from './helpers/cli.js';
import { generatedModel } from './helpers/generated.js';

/** Issues as code, path and message, in a fixed order: the two ways need not gather them in the same order. */
const summary = (issues: readonly z.core.$ZodIssue[]) => issues.map((i) => `${i.code} ${JSON.stringify(i.path)} ${i.message}`).sort();

function modelsIn(dir: string): [string, unknown][] {
  return readdirSync(fixture(dir))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f): [string, unknown][] => {
      try {
        return [[`${dir}/${f}`, readYamlFile(join(fixture(dir), f)).value]];
      } catch (err) {
        if (err instanceof InputError) return []; // not YAML a schema sees
        throw err;
      }
    });
}

describe('issuesByParts', () => {
  const models = [...modelsIn('invalid'), ...modelsIn('hostile/invalid'), ...modelsIn('valid')];

  it.each(models)('finds exactly the issues zod finds: %s', (_, value) => {
    const zod = Architecture.safeParse(value);
    expect(summary(issuesByParts(Architecture, value))).toEqual(summary(zod.success ? [] : zod.error.issues));
  });

  it('finds them in a rule with wrong types at every level', () => {
    const rule = { id: 'tampering.x', title: 3, when: 'always', recommend: [{ control: 'kms', text: 4 }, 'tls'], extra: true };
    const zod = Rule.safeParse(rule);
    expect(zod.success).toBe(false);
    expect(summary(issuesByParts(Rule, rule))).toEqual(summary(zod.error!.issues));
  });
});

describe('safeParseBounded, a chunk at a time', () => {
  const models = [...modelsIn('invalid'), ...modelsIn('hostile/invalid'), ...modelsIn('valid'), ['generated 300', readYamlFile(generatedModel(300)).value] as [string, unknown]];

  // Chunks of 1 and 7 entries: every list and mapping of the fixtures is then checked in chunks.
  // Unchunked, safeParseBounded is zod's result plus the `__proto__` keys zod skips (see below): chunks change nothing of it.
  it.each(models)('finds exactly the issues it finds unchunked, and zod\'s data: %s', (_, value) => {
    const zod = Architecture.safeParse(value);
    const whole = safeParseBounded(Architecture, value);
    for (const chunk of [1, 7]) {
      const bounded = safeParseBounded(Architecture, value, { chunk });
      expect(bounded.success).toBe(whole.success);
      if (whole.success) expect(bounded.data).toStrictEqual(zod.data);
      else expect(summary(bounded.error!.issues)).toEqual(summary(whole.error.issues));
    }
  });

  it('gives zod\'s data for a report, its threats in chunks', () => {
    const run = runZtm(['analyze', fixture('valid/orders-platform.yaml'), '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(run.stdout) as unknown;
    const zod = Report.safeParse(report);
    expect(zod.success).toBe(true);
    expect(safeParseBounded(Report, report, { chunk: 2 })).toStrictEqual(zod);
  });

  it('stops reading a long list once 10,000 problems are found', () => {
    // Every entry lacks `a`; the entry at 50,000 cannot even be read. zod gathers an issue for
    // every entry (and reads that one); ztm stops within the first chunks.
    const Items = z.strictObject({ items: z.array(z.strictObject({ a: z.string() })) });
    const items: unknown[] = Array.from({ length: 1_000_000 }, () => ({}));
    Object.defineProperty(items, 50_000, { get: () => { throw new Error('read past the problems ztm lists'); } });
    const r = safeParseBounded(Items, { items });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toHaveLength(10_001);
    expect(r.error!.issues[9_999]!.path).toEqual(['items', 9_999, 'a']);
    expect(listingStopped(r.error!.issues)).toBe(true);
  });

  it('stops the same way in a long mapping, its problems in the order of its keys', () => {
    const Named = z.strictObject({ byId: z.record(z.string(), z.strictObject({ a: z.string() })) });
    const byId: Record<string, unknown> = {};
    for (let i = 0; i < 200_000; i++) byId[`k${i}`] = {};
    Object.defineProperty(byId, 'k50000', { get: () => { throw new Error('read past the problems ztm lists'); }, enumerable: true });
    const issues = safeParseBounded(Named, { byId }).error!.issues;
    expect(issues.slice(0, 2).map((i) => i.path)).toEqual([['byId', 'k0', 'a'], ['byId', 'k1', 'a']]);
    expect(issues).toHaveLength(10_001);
    expect(listingStopped(issues)).toBe(true);
  });

  it('lists every problem below 10,000, without the note', () => {
    const Items = z.strictObject({ items: z.array(z.strictObject({ a: z.string() })) });
    const items = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? { a: 'x' } : {}));
    const issues = safeParseBounded(Items, { items }).error!.issues;
    expect(issues).toHaveLength(10_000);
    expect(listingStopped(issues)).toBe(false);
    expect(issues[9_999]!.path).toEqual(['items', 19_998, 'a']);
  });
});

describe('safeParseBounded', () => {
  const Items = z.strictObject({ items: z.array(z.strictObject({ a: z.string() })) });

  it('is zod itself while zod copes', () => {
    const value = { items: [{ a: 'x' }, { b: 1 }] };
    expect(safeParseBounded(Items, value)).toEqual(Items.safeParse(value));
    expect(safeParseBounded(Items, { items: [{ a: 'x' }] })).toEqual({ success: true, data: { items: [{ a: 'x' }] } });
  });

  it('lists the first 10,000 of 300,000 problems, positioned, where zod overflows the stack', () => {
    const value = { items: Array.from({ length: 300_000 }, () => ({})) };
    expect(() => Items.safeParse(value)).toThrow(RangeError);
    const r = safeParseBounded(Items, value);
    expect(r.success).toBe(false);
    const issues = r.error!.issues;
    expect(issues).toHaveLength(10_001);
    expect(issues.slice(0, 2).map((i) => [i.code, i.path])).toEqual([['invalid_type', ['items', 0, 'a']], ['invalid_type', ['items', 1, 'a']]]);
    expect(issues[10_000]).toMatchObject({ code: 'custom', path: [], message: 'ztm stopped listing problems after the first 10,000; fix them, then check again' });
  });

  it('takes mappings apart too: bad keys and bad values, each at its own path', () => {
    const Named = z.strictObject({ byId: z.record(z.string().regex(/^[a-z]/), z.strictObject({ a: z.string() })) });
    const byId: Record<string, unknown> = { '9bad': { a: 'x' } };
    for (let i = 0; i < 200_000; i++) byId[`k${i}`] = { a: i };
    expect(() => Named.safeParse({ byId })).toThrow(RangeError);
    const issues = safeParseBounded(Named, { byId }).error!.issues;
    expect(issues.slice(0, 2).map((i) => [i.code, i.path])).toEqual([['invalid_key', ['byId', '9bad']], ['invalid_type', ['byId', 'k0', 'a']]]);
    expect(issues).toHaveLength(10_001);
  });
});

describe('safeParseBounded and __proto__ keys', () => {
  const Schema = z.strictObject({ ids: z.record(z.string().regex(/^[a-z]/), z.number()).optional(), nested: z.array(z.strictObject({ byName: z.record(z.string(), z.enum(['a', 'b'])) })) });
  it('keeps a valid __proto__ entry of a record as an own key (zod skips it), never as the prototype', () => {
    // JSON.parse makes `__proto__` an own key, as the YAML reader does (an object literal would not).
    const r = safeParseBounded(Schema, JSON.parse('{"nested": [{"byName": {"x": "a", "__proto__": "b"}}]}'));
    expect(r.success).toBe(true);
    const byName = r.data!.nested[0]!.byName;
    expect(Object.keys(byName)).toEqual(['x', '__proto__']);
    expect(Object.getPrototypeOf(byName)).toBe(Object.prototype);
  });

  it('gives the issues of a __proto__ key or value, as for any other entry', () => {
    const bad = safeParseBounded(Schema, JSON.parse('{"ids": {"__proto__": 1}, "nested": [{"byName": {"__proto__": "c"}}]}'));
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => [i.code, i.path])).toEqual([['invalid_key', ['ids', '__proto__']], ['invalid_value', ['nested', 0, 'byName', '__proto__']]]);
  });
});

