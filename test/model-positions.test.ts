/** SourceMap positions for tricky YAML: every path resolves to the exact line and column. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/model/yaml-source.js';
import type { PathSegment } from '../src/model/source-map.js';
import { generateModel } from '../bench/generate.mjs';

const at = (text: string) => {
  const { map } = parseYaml('x.yaml', Buffer.from(text));
  const show = (p: { line: number; column: number }) => `${p.line}:${p.column}`;
  return { value: (...path: PathSegment[]) => show(map.valueAt(path)), key: (...path: PathSegment[]) => show(map.keyAt(path)) };
};

describe('SourceMap positions', () => {
  it('block mappings and block sequences of maps', () => {
    const m = at('a:\n  b: 1\n  c:\n    - x: 1\n      y: two\n    -   z: 3\n');
    expect([m.key('a'), m.value('a', 'b'), m.key('a', 'c'), m.key('a', 'c', 0), m.value('a', 'c', 0, 'y'), m.key('a', 'c', 1, 'z'), m.value('a', 'c', 1, 'z')])
      .toEqual(['1:1', '2:6', '3:3', '4:7', '5:10', '6:9', '6:12']);
  });

  it('flow maps and flow sequences', () => {
    const m = at('flows:\n  - { from: a, to: b, data: [x, "y"] }\n  - {from: c,to: d}\n');
    expect([m.value('flows', 0, 'from'), m.key('flows', 0, 'to'), m.value('flows', 0, 'data', 1), m.value('flows', 1, 'to'), m.key('flows', 1)])
      .toEqual(['2:13', '2:16', '2:33', '3:18', '3:5']);
  });

  it('empty values point at their key', () => {
    const m = at('a:\nb: 1\nc: { d: , e: }\n');
    expect([m.value('a'), m.value('b'), m.value('c', 'd'), m.value('c', 'e')]).toEqual(['1:1', '2:4', '3:6', '3:11']);
  });

  it('explicit keys, quoted keys, comments between key and value', () => {
    const m = at('? k\n: v\n"q k": 1\n\'s\': 2\nc: # note\n  # more\n  deep: 3\nn: 5 # trailing\n');
    expect([m.key('k'), m.value('k'), m.key('q k'), m.value('q k'), m.key('s'), m.value('c'), m.value('c', 'deep'), m.value('n')])
      .toEqual(['1:3', '2:3', '3:1', '3:8', '4:1', '7:3', '7:9', '8:4']);
  });

  it('anchors and aliases resolve into the anchored value', () => {
    const m = at('base: &b { kind: alb, in: vpc }\nweb: *b\nlist: &l [1, 2]\nother: { items: *l }\n');
    expect([m.value('web'), m.value('web', 'kind'), m.value('other', 'items', 1), m.key('other', 'items')]).toEqual(['2:6', '1:18', '3:14', '4:10']);
  });

  it('CRLF line endings', () => {
    const m = at('a: 1\r\nb:\r\n  - x\r\n  - { y: 2 }\r\n');
    expect([m.value('a'), m.value('b', 0), m.value('b', 1, 'y'), m.key('b')]).toEqual(['1:4', '3:5', '4:10', '2:1']);
  });

  it('a missing path falls back to its closest ancestor', () => {
    const m = at('a:\n  b: 1\n');
    expect([m.value('a', 'zz'), m.value('nope'), m.key('a', 'b', 'deeper')]).toEqual(['2:3', '1:1', '2:6']);
  });

  it('keys that are numbers, booleans or null match their string form', () => {
    const m = at('1: one\ntrue: yes\nnull: z\n0x10: hex\n');
    expect([m.value('1'), m.value('true'), m.value('null'), m.value('16')]).toEqual(['1:4', '2:7', '3:7', '4:7']);
  });

  it('an empty block item leaves the list positioned at the list itself', () => {
    const m = at('a:\n  -\n  - x\n');
    expect(m.value('a', 1)).toEqual('2:3');
  });
});

/** Every YAML file under `dir`, recursively. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(e.name) ? [path] : [];
  });
}

/** The path of every value in a parsed file, parents first. */
function pathsOf(value: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(path);
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  }
  return out;
}

describe('a parse that records only the nodes near the root', () => {
  const show = (p: { line: number; column: number }) => `${p.line}:${p.column}`;
  const texts: [string, Buffer][] = [
    ...yamlFiles('fixtures').map((f): [string, Buffer] => [f, readFileSync(f)]),
    ['generated', Buffer.from(generateModel(40))],
    ['shapes', Buffer.from('a:\n  - - x\n    - { k: [1, { d: 2 }] }\n  -\n    ? e\n    : f\nb: { c: { d: [ { e: 1 } ] } }\n')],
  ];

  it('locates every key and value of every fixture as a full parse does', () => {
    let partial = 0;
    let again = 0;
    for (const [file, bytes] of texts) {
      let full;
      try {
        full = parseYaml(file, bytes, { recordAll: true });
      } catch {
        continue; // the invalid fixtures that do not parse
      }
      expect(full.map.partial, file).toBe(false);
      // Shallow paths first: they are the ones a partial map answers itself. A map that has parsed
      // again in full proves nothing more, so a fresh one takes the next path, up to 25 per file.
      const paths = pathsOf(full.value).sort((a, b) => a.length - b.length);
      let map = parseYaml(file, bytes).map;
      let fresh = 0;
      for (const path of paths) {
        const wasPartial = map.partial;
        expect([file, path, show(map.keyAt(path)), show(map.valueAt(path))]).toEqual([file, path, show(full.map.keyAt(path)), show(full.map.valueAt(path))]);
        if (wasPartial && map.partial) partial++;
        else if (wasPartial) again++;
        if (!map.partial && fresh++ < 25) map = parseYaml(file, bytes).map;
      }
    }
    // Both ways of answering were compared, many times.
    expect(partial).toBeGreaterThan(300);
    expect(again).toBeGreaterThan(300);
  });

  it('locates the elements of a model without parsing it again', () => {
    const { value, map } = parseYaml('generated', Buffer.from(generateModel(40)));
    const model = value as { components: Record<string, unknown>; flows: unknown[]; data: Record<string, unknown>; boundaries: Record<string, unknown> };
    expect(map.partial).toBe(true);
    for (const id of Object.keys(model.components)) map.keyAt(['components', id]);
    for (const id of Object.keys(model.boundaries)) map.keyAt(['boundaries', id]);
    for (const id of Object.keys(model.data)) map.keyAt(['data', id]);
    model.flows.forEach((_, i) => map.keyAt(['flows', i]));
    map.keyAt(['account']);
    expect(map.partial).toBe(true);
    // A detail below an element is where the map parses again, recording every node.
    expect(show(map.valueAt(['flows', 0, 'to']))).toMatch(/^\d+:\d+$/);
    expect(map.partial).toBe(false);
  });
});
