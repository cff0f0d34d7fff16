/** The reader is safe with hostile files: alias bombs, prototype keys, size, tags, depth. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import yamlLib from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../src/model/diagnostics.js';
import { loadModel } from '../src/model/load.js';
import { LIMITS, parseYaml, readYamlFile } from '../src/model/yaml-source.js';
import { fixture } from './helpers/cli.js';

const codes = (f: () => unknown): string[] => {
  try {
    f();
  } catch (err) {
    if (err instanceof InputError) return err.diagnostics.map((d) => d.code);
    throw err;
  }
  return [];
};
const yaml = (text: string) => () => parseYaml('x.yaml', Buffer.from(text));
const saved = { ...LIMITS };
afterEach(() => Object.assign(LIMITS, saved));

describe('safety of the reader', () => {
  it('refuses a billion-laughs file within one second', () => {
    const started = performance.now();
    expect(codes(() => readYamlFile(fixture('invalid/billion-laughs.yaml')))).toEqual(['alias-bomb']);
    const ms = performance.now() - started;
    console.log(`billion-laughs refused in ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(1000);
  });

  it('refuses too many aliases even when each expands little', () => {
    LIMITS.maxAliases = 3;
    expect(codes(yaml('a: &a x\nb: &b [1]\nc: [*b, *b, *b, *b]\n'))).toEqual(['too-many-aliases']);
  });

  it('__proto__, constructor and prototype keys cannot pollute Object.prototype', () => {
    expect(codes(() => loadModel(fixture('invalid/proto-pollution.yaml'), { today: '2026-12-01' }))).toEqual(['unknown-key', 'unknown-key']);
    const parsed = parseYaml('x.yaml', Buffer.from('__proto__: { polluted: 1 }\na: { __proto__: { polluted: 2 }, constructor: { prototype: { polluted: 3 } } }\nb: [{ __proto__: { polluted: 4 } }]\n'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed.value as object, '__proto__')).toBe(true);
  });

  it('components named constructor, prototype and toString work like any other id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-ids-'));
    const file = join(dir, 'arch.yaml');
    writeFileSync(file, [
      'ztm: 1', 'name: ids',
      'account: { cloudtrail: { bucket: toString } }',
      'components:',
      '  constructor: { kind: lambda }',
      '  prototype: { kind: rds }',
      'flows:',
      '  - { from: constructor, to: prototype, protocol: postgres }',
      '  - { from: constructor, to: hasOwnProperty, protocol: https }',
      '',
    ].join('\n'));
    try {
      loadModel(file, { today: '2026-12-01' });
      expect.unreachable('loaded');
    } catch (err) {
      expect((err as InputError).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
        '3:34 the CloudTrail bucket "toString" is not a component',
        '9:30 flow #2 goes to "hasOwnProperty", which is not a component',
      ]);
    }
    writeFileSync(file, ['ztm: 1', 'name: ids', 'components:', '  constructor: { kind: lambda }', '  prototype: { kind: rds }', 'flows:', '  - { from: constructor, to: prototype, protocol: postgres }', ''].join('\n'));
    const { graph } = loadModel(file, { today: '2026-12-01' });
    expect([...graph.components.keys()]).toEqual(['constructor', 'prototype']);
    expect(graph.flows[0]!.to.kind).toBe('rds');
    expect(graph.location('prototype')).toMatchObject({ line: 5, column: 3 });
  });

  it('refuses a file over the size limit before reading it', () => {
    LIMITS.maxBytes = 64;
    expect(codes(() => readYamlFile(fixture('valid/orders-platform.yaml')))).toEqual(['too-large']);
    expect(codes(yaml('x'.repeat(65)))).toEqual(['too-large']);
  });

  it('refuses custom tags', () => {
    for (const tag of ['!!js/function "f() {}"', '!!js/regexp /a/', '!!js/undefined ""', '!!binary aGk=', '!custom x', '!!timestamp 2026-01-01']) {
      expect(codes(yaml(`a: ${tag}\n`)), tag).toEqual(['yaml-syntax']);
    }
  });

  it('limits nesting, with a small limit too', () => {
    LIMITS.maxDepth = 4;
    expect(codes(yaml('a: [[[1]]]\n'))).toEqual([]);
    expect(codes(yaml('a: [[[[1]]]]\n'))).toEqual(['too-deep']);
    expect(codes(yaml('a: &x [[[1]]]\nb: { c: *x }\n'))).toEqual(['too-deep']);
    LIMITS.maxDepth = saved.maxDepth;
    expect(codes(yaml(`a: ${'['.repeat(500)}${']'.repeat(500)}\n`))).toEqual(['too-deep']);
  });

  it('counts the levels of lists and mappings exactly, in block and flow style', () => {
    const depth = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.constant(1), fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('k', 'l'), tree, { minKeys: 1 }), fc.constantFrom(-1, 2, 40), (value, flowLevel) => {
        const text = yamlLib.dump(value, { flowLevel });
        const levels = depth(value);
        LIMITS.maxDepth = levels;
        expect(codes(yaml(text))).toEqual([]);
        LIMITS.maxDepth = levels - 1;
        expect(codes(yaml(text))).toEqual(['too-deep']);
      }),
      { numRuns: 300 },
    );
  });
});
