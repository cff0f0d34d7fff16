/**
 * Reports are written in pieces (a 50,000-component JSON report nearly reaches
 * V8's longest string): the pieces make exactly the text one string would, and
 * a file is still written whole or not at all.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analysis/engine.js';
import { gate } from '../src/analysis/result.js';
import { loadModel } from '../src/model/load.js';
import { REPORT_SCHEMA_ID, jsonReport } from '../src/report/json.js';
import { batched, joinText } from '../src/report/report-text.js';
import { documentText } from '../src/report/markdown/blocks.js';
import { sarifLog, sarifReport } from '../src/report/sarif.js';
import { isOpen } from '../src/analysis/threat.js';
import { inertJson } from '../src/report/escape.js';
import fc from 'fast-check';
import { loadRules } from '../src/rules/load.js';
import { writeFileAtomically } from '../src/util/atomic-file.js';
import { utf8Batches } from '../src/util/utf8-batches.js';
import { fixture } from './helpers/cli.js';

const RULES = loadRules();

function resultOf(model: string) {
  const { graph, warnings } = loadModel(fixture(model));
  const result = analyze(graph, RULES, { today: '2026-12-01', warnings });
  return { result, verdict: gate(result, 'high') };
}

describe('the JSON report in pieces', () => {
  it.each(['valid/orders-platform.yaml', 'hostile/hostile-text.yaml', 'hostile/prototype-names.yaml'])('%s: each threat a piece of its own, together JSON.stringify(report, null, 2) with each threat on one line', (model) => {
    const { result, verdict } = resultOf(model);
    const pieces = [...jsonReport(result, verdict)];
    // The head, then a line break and a threat for each threat, then the tail.
    expect(pieces).toHaveLength(2 * result.threats.length + 2);
    expect(pieces.filter((_, i) => i % 2 === 0 && i > 0 && i <= 2 * result.threats.length)).toEqual(result.threats.map((t) => inertJson(JSON.stringify(t))));
    const text = pieces.join('');
    const report = { $schema: REPORT_SCHEMA_ID, ...result, gate: verdict };
    // The same value as the whole report stringified ...
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)));
    // ... laid out as the pretty-printed report, but for the threats: one per line, four spaces in.
    const lines = text.split('\n');
    const first = lines.indexOf('  "threats": [');
    const threatLines = lines.slice(first + 1, first + 1 + result.threats.length);
    expect(threatLines).toEqual(result.threats.map((t, i) => `    ${inertJson(JSON.stringify(t))}${i < result.threats.length - 1 ? ',' : ''}`));
    expect(lines[first + 1 + result.threats.length]).toBe('  ],');
    const pretty = inertJson(JSON.stringify({ ...report, threats: [] }, null, 2)).split('\n');
    expect([...lines.slice(0, first), '  "threats": [],', ...lines.slice(first + 2 + result.threats.length)]).toEqual([...pretty, '']);
  });

  it('a report without threats is one piece', () => {
    const { result, verdict } = resultOf('valid/orders-platform.yaml');
    const empty = { ...result, threats: [] };
    expect([...jsonReport(empty, verdict)]).toEqual([`${JSON.stringify({ $schema: REPORT_SCHEMA_ID, ...empty, gate: verdict }, null, 2)}\n`]);
  });
});

describe('the SARIF log in pieces', () => {
  it.each(['valid/orders-platform.yaml', 'hostile/hostile-text.yaml', 'hostile/prototype-names.yaml'])('%s: each result a piece of its own, together JSON.stringify(log, null, 2)', (model) => {
    const { result, verdict } = resultOf(model);
    const pieces = [...sarifReport(result, verdict)];
    const open = result.threats.filter((t) => isOpen(t.status)).length;
    expect(open).toBeGreaterThan(0);
    // Before each result its separator (the first with the log's head), then the tail.
    expect(pieces).toHaveLength(2 * open + 1);
    expect(pieces.join('')).toBe(`${inertJson(JSON.stringify(sarifLog(result), null, 2))}\n`);
  });

  it('a log without results is one piece, `"results": []` as the whole log has it', () => {
    const { result, verdict } = resultOf('valid/orders-platform.yaml');
    const closed = { ...result, threats: result.threats.filter((t) => !isOpen(t.status)) };
    const pieces = [...sarifReport(closed, verdict)];
    expect(pieces).toEqual([`${JSON.stringify(sarifLog(closed), null, 2)}\n`]);
    expect(pieces[0]).toContain('\n      "results": [],\n');
  });
});

describe('documentText', () => {
  it('is each section joined by newlines, less its trailing newlines, the sections joined by blank lines, whatever the pieces', () => {
    const whole = (sections: string[][]) => `${sections.filter((s) => s.length > 0).map((s) => s.join('\n').replace(/\n+$/, '')).join('\n\n')}\n`;
    // Lines long enough that pieces are cut inside sections, and lines of newlines only, at either end.
    const line = fc.oneof(fc.constantFrom('', '\n', '\n\n', 'a', 'b\n', 'c\n\n'), fc.integer({ min: 1, max: 40_000 }).map((n) => 'x'.repeat(n)), fc.integer({ min: 1, max: 40_000 }).map((n) => `${'y'.repeat(n)}\n`));
    const sections = fc.array(fc.array(line, { maxLength: 8 }), { maxLength: 6 });
    fc.assert(
      fc.property(sections, (s) => {
        const pieces = [...documentText(s.map((lines) => lines.values()))];
        return pieces.join('') === whole(s) && pieces.every((p) => p.length < (1 << 16) + 40_001);
      }),
      { numRuns: 300 },
    );
    const long = 'x'.repeat(70_000);
    for (const s of [[[long, '']], [[long, '\n', ''], ['next']], [[`${long}\n`], [long, long, '', '\n']]]) expect([...documentText(s)].join('')).toBe(whole(s));
  });
});

describe('batched', () => {
  it('regroups pieces into runs of at least the size asked, changing no character', () => {
    const pieces = Array.from({ length: 1000 }, (_, i) => `piece ${i};`);
    const runs = [...batched(pieces, 100)];
    expect(runs.join('')).toBe(pieces.join(''));
    expect(runs.slice(0, -1).every((r) => r.length >= 100 && r.length < 120)).toBe(true);
    expect(joinText('whole')).toBe('whole');
    expect([...batched('one string, never split into characters', 4)]).toEqual(['one string, never split into characters']);
  });
});

describe('utf8Batches', () => {
  // Each batch is copied as it comes: the next one reuses the same buffer.
  const bytesOf = (pieces: Iterable<string> | string, capacity?: number) => {
    const batches = [...(function* () {
      for (const b of utf8Batches(pieces, capacity)) yield Buffer.from(b);
    })()];
    return { batches, all: Buffer.concat(batches) };
  };

  it('encodes any pieces, one- to four-byte characters alike, to the bytes of their concatenation', () => {
    const piece = fc.string({ unit: fc.constantFrom('a', '|', 'é', '→', '\u2028', '😀', '\u0000'), maxLength: 40 });
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 1, max: 64 }), (pieces, capacity) => {
        const { all } = bytesOf(pieces, capacity);
        return all.equals(Buffer.from(pieces.join(''), 'utf8'));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves each batch intact while the next one is encoded, so that one can be written while the next is made', () => {
    const pieces = Array.from({ length: 200 }, (_, i) => `${String.fromCharCode(97 + (i % 26)).repeat(i % 7)}é${i}|`);
    pieces.splice(50, 0, 'w'.repeat(100)); // a piece larger than a buffer comes between two batches
    let previous: { view: Uint8Array; copy: Buffer } | undefined;
    const all: Buffer[] = [];
    for (const batch of utf8Batches(pieces, 24)) {
      if (previous) expect(Buffer.from(previous.view).equals(previous.copy)).toBe(true);
      previous = { view: batch, copy: Buffer.from(batch) };
      all.push(previous.copy);
    }
    expect(all.length).toBeGreaterThan(50);
    expect(Buffer.concat(all).toString('utf8')).toBe(pieces.join(''));
  });

  it('fills the buffer before a write, and gives a piece too large for it a buffer of its own', () => {
    // A 12-byte buffer: room is kept for three bytes a character.
    expect(bytesOf(['ab', 'cd', 'ef', 'x'.repeat(10), 'gh'], 12).batches.map(String)).toEqual(['abcdef', 'x'.repeat(10), 'gh']);
    expect(bytesOf(['abcd', 'efgh', 'ij'], 12).batches.map(String)).toEqual(['abcd', 'efghij']);
    expect(bytesOf('one string').batches.map(String)).toEqual(['one string']);
    expect(bytesOf([]).batches).toEqual([]);
  });
});

describe('writeFileAtomically', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ztm-atomic-'));

  it('writes every piece, and a replaced file keeps its permission bits', async () => {
    const file = join(dir, 'kept-mode.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    await writeFileAtomically(file, (function* () {
      for (let i = 0; i < 5000; i++) yield `${'x'.repeat(500)}\n`;
    })());
    expect(readFileSync(file, 'utf8')).toBe(`${'x'.repeat(500)}\n`.repeat(5000));
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('writes a text of many batches in order, several characters of UTF-8 alike', async () => {
    const file = join(dir, 'many-batches.md');
    const line = (i: number) => `| ${i} | é→😀 ${'x'.repeat(i % 300)} |\n`;
    await writeFileAtomically(file, (function* () {
      for (let i = 0; i < 90_000; i++) yield line(i);
    })());
    const expected = Array.from({ length: 90_000 }, (_, i) => line(i)).join('');
    expect(Buffer.byteLength(expected)).toBeGreaterThan(3 * (4 << 20)); // more than three batches
    expect(readFileSync(file, 'utf8')).toBe(expected);
  });

  it('when producing the text fails half way, the old file stays as it was and no temporary file is left', async () => {
    const file = join(dir, 'report.md');
    writeFileSync(file, 'the previous report\n');
    const failing = (function* () {
      yield 'x'.repeat(3 << 20); // past one batch: a part is already on disk when the failure comes
      throw new Error('renderer failed');
    })();
    await expect(writeFileAtomically(file, failing)).rejects.toThrow('renderer failed');
    expect(readFileSync(file, 'utf8')).toBe('the previous report\n');
    expect(readdirSync(dir).filter((f) => f.startsWith('report.md'))).toEqual(['report.md']);
  });
});
