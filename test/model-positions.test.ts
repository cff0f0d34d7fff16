/** SourceMap positions for tricky YAML: every path resolves to the exact line and column. */
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/model/yaml-source.js';
import type { PathSegment } from '../src/model/source-map.js';

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
