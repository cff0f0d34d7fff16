/**
 * safeParseBounded: zod's issues of a value with any number of problems. Past
 * about 100,000 issues in one list zod overflows the stack; ztm then checks the
 * value part by part, which must find what zod finds.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/model/diagnostics.js';
import { Architecture } from '../src/model/schema.js';
import { readYamlFile } from '../src/model/yaml-source.js';
import { Rule } from '../src/rules/schema.js';
import { issuesByParts, safeParseBounded, z } from '../src/util/zod.js';
import { fixture } from './helpers/cli.js';

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

