/**
 * The JSON and SARIF writers escape every character a terminal acts on that
 * JSON.stringify leaves raw (inertJson), and skip scanning the threats when the
 * run's text is known plain (threatTextIsPlain). The skip must never change a
 * byte: a run is plain only when escaping would change nothing.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analysis/engine.js';
import { gate } from '../src/analysis/result.js';
import { loadModel } from '../src/model/load.js';
import { inertJson, sourceIsPlain, terminalSafe } from '../src/report/escape.js';
import { jsonReport } from '../src/report/json.js';
import { threatTextIsPlain } from '../src/report/plain-text.js';
import { joinText } from '../src/report/report-text.js';
import { sarifReport } from '../src/report/sarif.js';
import { loadRules } from '../src/rules/load.js';
import { fixture, ROOT } from './helpers/cli.js';
import { tempDir, unsafeChars } from './helpers/hostile.js';

const RULES = loadRules();

function run(file: string, rules = RULES) {
  const { graph, warnings } = loadModel(file);
  const result = analyze(graph, rules, { today: '2026-12-01', warnings });
  return { graph, result, verdict: gate(result, 'high') };
}

describe('inertJson', () => {
  it('writes C1 controls, bidi marks, zero-width characters and line separators as \\u escapes, the value unchanged', () => {
    const value = { name: 'a\u009b31mb\u202ec\u2028d\u200be\u0085f\u007fg\ufeffh', plain: 'é → 😀' };
    const json = inertJson(JSON.stringify(value));
    expect(json).toBe('{"name":"a\\u009b31mb\\u202ec\\u2028d\\u200be\\u0085f\\u007fg\\ufeffh","plain":"é → 😀"}');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('the word joiner, invisible operators and tag characters too, in JSON and on the terminal', () => {
    const value = 'a\u2060b\u2062c\u{E0041}\u{E007F}d';
    expect(inertJson(JSON.stringify(value))).toBe('"a\\u2060b\\u2062c\\udb40\\udc41\\udb40\\udc7fd"');
    expect(JSON.parse(inertJson(JSON.stringify(value)))).toBe(value);
    expect(terminalSafe(value)).toBe('a\\u2060b\\u2062c\\udb40\\udc41\\udb40\\udc7fd');
    expect(terminalSafe('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('takes YAML source as plain only when it holds no such character and no escape that could write one', () => {
    expect(sourceIsPlain('name: Orders → API, café\n')).toBe(true);
    for (const text of ['name: a\u202eb\n', 'name: "a\\u202Eb"\n', 'name: "a\\x9b"\n', 'name: "\\N"\n', 'name: "\\L\\P"\n', 'name: "\\U0000202E"\n']) expect(sourceIsPlain(text), text).toBe(false);
  });
});

describe('threatTextIsPlain', () => {
  it('holds for every bundled model, and skipping the scan changes no byte of their JSON or SARIF', () => {
    for (const name of readdirSync(join(ROOT, 'fixtures/valid'))) {
      const { graph, result, verdict } = run(fixture(`valid/${name}`));
      expect(threatTextIsPlain(result, graph), name).toBe(true);
      expect(joinText(jsonReport(result, verdict, { plainThreats: true })), name).toBe(joinText(jsonReport(result, verdict)));
      expect(joinText(sarifReport(result, verdict, { plainThreats: true })), name).toBe(joinText(sarifReport(result, verdict)));
    }
  });

  it('the built-in catalog can make no such character (so a model\'s plainness is the run\'s)', () => {
    const files = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) expect(sourceIsPlain(readFileSync(join(ROOT, 'rules', f), 'utf8')), f).toBe(true);
  });

  it('fails for a model that writes a bidi override through a YAML escape, and its reports come out escaped', () => {
    const file = join(tempDir('plain'), 'escaped.yaml');
    writeFileSync(file, readFileSync(fixture('valid/orders-platform.yaml'), 'utf8').replace(/^name: .*$/m, 'name: "Orders \\u202Eplatform\\u009b31m"'));
    const { graph, result, verdict } = run(file);
    expect(result.model.name).toBe('Orders \u202eplatform\u009b31m');
    expect(threatTextIsPlain(result, graph)).toBe(false);
    const text = joinText(jsonReport(result, verdict, { plainThreats: threatTextIsPlain(result, graph) }));
    expect(unsafeChars(text.replace(/\n/g, ''))).toEqual([]);
    expect(JSON.parse(text).model.name).toBe('Orders \u202eplatform\u009b31m');
  });

  it('fails with a team rule loaded, or without the model\'s source', () => {
    const { graph, result } = run(fixture('valid/orders-platform.yaml'));
    expect(threatTextIsPlain({ ...result, rules: { ...result.rules, custom: 1 } }, graph)).toBe(false);
    expect(threatTextIsPlain(result, undefined)).toBe(false);
  });
});
