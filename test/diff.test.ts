/** --baseline and `ztm diff`: by stable id, exact exit codes, positioned errors for bad reports. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runZtm } from './helpers/cli.js';
import { TEST_RULES } from './data/reports.js';

const ORDERS = 'fixtures/valid/orders-platform.yaml';
const dir = mkdtempSync(join(tmpdir(), 'ztm-diff-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const full = JSON.parse(runZtm(['analyze', ORDERS, '--format', 'json', ...TEST_RULES]).stdout);
const ids = full.threats.map((t: { id: string }) => t.id) as string[];
const CDN = 'spoofing.rt-unauthenticated-internal-flow@cdn->web';
const WEB = 'spoofing.rt-unauthenticated-internal-flow@web->api';
/** The full report minus one critical threat: as if the baseline was taken before it appeared. */
const withoutWeb = { ...full, threats: full.threats.filter((t: { id: string }) => t.id !== WEB) };
const oldFile = write('old.json', JSON.stringify(withoutWeb));
const newFile = write('new.json', JSON.stringify(full));

describe('analyze --baseline', () => {
  it('fails on threats at or above the gate without a baseline (exit 1)', () => {
    expect(ids).toEqual(expect.arrayContaining([CDN, WEB]));
    expect(runZtm(['analyze', ORDERS, ...TEST_RULES]).code).toBe(1);
  });

  it('passes when every failing threat is in the baseline, and says how many it left out', () => {
    const r = runZtm(['analyze', ORDERS, ...TEST_RULES, '--format', 'json', '--baseline', newFile]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).gate).toMatchObject({ failed: false, failing: [], baselined: 2 });
    expect(r.stderr).toContain('gate: passed: no open threat at or above high (2 known from the baseline left out)');
  });

  it('gates only on the threat new since the baseline', () => {
    const r = runZtm(['analyze', ORDERS, ...TEST_RULES, '--baseline', oldFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`gate: FAILED: 1 open threat at or above high: ${WEB} (1 known from the baseline left out)`);
  });

  it('refuses a baseline that is not JSON with exit 2 and its line and column', () => {
    const bad = write('bad.json', '{\n  "version": 1,\n  "threats": [,]\n}\n');
    const r = runZtm(['analyze', ORDERS, ...TEST_RULES, '--baseline', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:15: error: the baseline is not valid JSON: expected a value, found ","`));
    expect(r.stdout).toBe('');
  });

  it('refuses a report that does not match the schema, positioned at the bad value', () => {
    const text = JSON.stringify({ ...full, threats: [{ ...full.threats[0], severity: 'severe' }] }, null, 2);
    const bad = write('schema.json', text);
    const line = text.split('\n').findIndex((l) => l.includes('"severe"')) + 1;
    const r = runZtm(['analyze', ORDERS, '--baseline', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:${line}:`);
    expect(r.stderr).toMatch(/baseline: .*severity.*"severe"/);
  });

  it('refuses a report nested deeper than 128 levels, at the bracket that goes too deep', () => {
    const n = 200_000;
    const deep = write('deep.json', `{"version":1,"threats":${'['.repeat(n)}${']'.repeat(n)}}`);
    const r = runZtm(['analyze', ORDERS, '--baseline', deep]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${deep}:1:151: error: the baseline nests values more than 128 levels deep here; a report of \`ztm analyze --format json\` nests far fewer\n`]);
  });

  it('lists the schema problems of a report too large to locate them (over 32 MiB) by path: the first five and how many more', () => {
    const big = write('big.json', JSON.stringify({ ...full, padding: 'x'.repeat(33 * 1024 * 1024) }));
    expect(runZtm(['diff', big, newFile]).stderr).toBe(`${big}: error: the old report does not match the report schema: (top level): Unrecognized key: "padding"\n`);
    const threats = Array.from({ length: 20 }, (_, i) => ({ ...full.threats[0], id: `t${i}`, severity: 'severe' }));
    const many = write('many.json', JSON.stringify({ ...full, threats, padding: 'x'.repeat(33 * 1024 * 1024) }));
    const stderr = runZtm(['diff', many, newFile]).stderr;
    expect(stderr.startsWith(`${many}: error: the old report does not match the report schema: threats.0.severity: `)).toBe(true);
    expect(stderr.endsWith('; and 16 more\n')).toBe(true);
  });

  it('refuses a missing baseline and a model file given as a baseline', () => {
    expect(runZtm(['analyze', ORDERS, '--baseline', join(dir, 'nope.json')]).stderr).toMatch(/cannot read the baseline: no such file/);
    const r = runZtm(['analyze', ORDERS, '--baseline', ORDERS]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/orders-platform\.yaml:\d+:\d+: error: the baseline is not valid JSON/);
  });
});

describe('ztm diff', () => {
  it('lists the new threat and exits 0', () => {
    const r = runZtm(['diff', oldFile, newFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 new, 0 resolved, 0 changed');
    expect(r.stdout).toMatch(new RegExp(`New\\n  CRITICAL +${WEB.replace(/[.>-]/g, '\\$&')}`));
  });

  it('sees resolved threats and changes of severity and status', () => {
    const changed = { ...full, threats: full.threats.filter((t: { id: string }) => t.id !== CDN).map((t: { id: string }) => (t.id === WEB ? { ...t, severity: 'medium', status: 'mitigated' } : t)) };
    const r = runZtm(['diff', newFile, write('changed.json', JSON.stringify(changed)), '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.summary).toEqual({ new: 0, resolved: 1, changed: 1, unchanged: ids.length - 2 });
    expect(d.resolved_threats.map((t: { id: string }) => t.id)).toEqual([CDN]);
    expect(d.changed_threats[0]).toMatchObject({ id: WEB, severity: { before: 'critical', after: 'medium' }, status: { before: 'open', after: 'mitigated' } });
  });

  it('writes a pull-request comment in Markdown', () => {
    const r = runZtm(['diff', oldFile, newFile, '--format', 'markdown']);
    expect(r.stdout).toMatch(/^## Threat model changes: Orders platform\n/);
    expect(r.stdout).toContain('### New threats (1)');
    expect(r.stdout).toContain(`| **critical** | \`${WEB}\` | Test rule - internal flow without authentication | open |`);
    expect(r.stdout).not.toContain('### Resolved');
  });

  it('--fail-on-new exits 1 when a new open threat reaches the severity, 0 when not', () => {
    const fail = runZtm(['diff', oldFile, newFile, '--fail-on-new', 'high']);
    expect(fail.code).toBe(1);
    expect(fail.stderr).toContain(`diff: FAILED: 1 new open threat at or above high: ${WEB}`);
    expect(runZtm(['diff', newFile, oldFile, '--fail-on-new', 'low']).code).toBe(0);
  });

  it('writes to a file with -o and is byte-identical across runs', () => {
    const out = join(dir, 'comment.md');
    expect(runZtm(['diff', oldFile, newFile, '--format', 'markdown', '-o', out]).code).toBe(0);
    expect(runZtm(['diff', oldFile, newFile, '--format', 'markdown']).stdout).toBe(runZtm(['diff', oldFile, newFile, '--format', 'markdown']).stdout);
  });

  it('exits 2 on a bad report or a bad flag', () => {
    expect(runZtm(['diff', write('empty.json', ''), newFile]).code).toBe(2);
    expect(runZtm(['diff', oldFile, newFile, '--format', 'sarif']).code).toBe(2);
    expect(runZtm(['diff', oldFile]).code).toBe(2);
  });
});

describe('a report lists each threat id once', () => {
  const cdn = full.threats.find((t: { id: string }) => t.id === CDN);
  /** Lines (from 1) where `"id": "<id>"` is written, and the column of its value. */
  const idLines = (text: string, id: string) => text.split('\n').flatMap((l, i) => (l.includes(`"id": ${JSON.stringify(id)}`) ? [{ line: i + 1, column: l.indexOf('"id"') + 7 }] : []));

  it('refuses a new report that lists a threat twice, once open and once mitigated, at the second entry naming the first', () => {
    const text = JSON.stringify({ ...full, threats: [...full.threats, { ...cdn, status: 'mitigated', severity: 'low' }] }, null, 2);
    const dup = write('dup-changed.json', text);
    const [first, second] = idLines(text, CDN);
    const r = runZtm(['diff', newFile, dup]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${dup}:${second!.line}:${second!.column}: error: the new report lists threat "${CDN}" twice, first on line ${first!.line}; a report of \`ztm analyze --format json\` lists each threat once, so remove one of them or write the report again\n`]);
  });

  it('refuses a threat listed twice as new, and a baseline that lists one twice', () => {
    const web = full.threats.find((t: { id: string }) => t.id === WEB);
    const text = JSON.stringify({ ...withoutWeb, threats: [...withoutWeb.threats, web, web] });
    const dup = write('dup-new.json', text);
    const second = text.lastIndexOf(`"id":"${WEB}"`) + 6;
    const r = runZtm(['diff', oldFile, dup]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${dup}:1:${second}: error: the new report lists threat "${WEB}" twice, first on line 1; a report of \`ztm analyze --format json\` lists each threat once, so remove one of them or write the report again\n`]);
    const b = runZtm(['analyze', ORDERS, ...TEST_RULES, '--baseline', dup]);
    expect([b.code, b.stdout]).toEqual([2, '']);
    expect(b.stderr).toBe(`${dup}:1:${second}: error: the baseline lists threat "${WEB}" twice, first on line 1; a report of \`ztm analyze --format json\` lists each threat once, so remove one of them or write the report again\n`);
  });

  it('positions the second entry in a report too large for the YAML source map (over 32 MiB)', () => {
    const text = JSON.stringify({ ...full, model: { ...full.model, description: 'x'.repeat(33 * 1024 * 1024) }, threats: [...full.threats, cdn] }, null, 2);
    const big = write('dup-big.json', text);
    const [first, second] = idLines(text, CDN);
    expect(runZtm(['diff', big, newFile]).stderr).toBe(`${big}:${second!.line}:${second!.column}: error: the old report lists threat "${CDN}" twice, first on line ${first!.line}; a report of \`ztm analyze --format json\` lists each threat once, so remove one of them or write the report again\n`);
  });
});

describe('a report writes each key once in an object', () => {
  const TWICE = 'JSON readers keep only the last one while a person reading the file sees the first, so remove one of them';

  it('refuses a second "threats" (JSON.parse kept the empty one: every threat counted as new) at the second, naming the first', () => {
    const text = JSON.stringify(full, null, 2).replace(/\n}$/, ',\n  "threats": []\n}');
    const twice = write('twice.json', text);
    const lines = text.split('\n');
    const first = lines.indexOf('  "threats": [') + 1;
    const r = runZtm(['diff', twice, newFile]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${twice}:${lines.length - 1}:3: error: the old report has the key "threats" twice in one object, first on line ${first}; ${TWICE}\n`]);
    expect(runZtm(['analyze', ORDERS, ...TEST_RULES, '--baseline', twice]).stderr).toBe(`${twice}:${lines.length - 1}:3: error: the baseline has the key "threats" twice in one object, first on line ${first}; ${TWICE}\n`);
  });

  it('finds a key twice inside one threat, written as a key escapes it', () => {
    const text = JSON.stringify(full).replace('"severity":"critical"', '"severity":"critical","s\\u0065verity":"low"');
    const twice = write('twice-threat.json', text);
    const column = text.indexOf('"s\\u0065verity"') + 1;
    expect(runZtm(['diff', newFile, twice]).stderr).toBe(`${twice}:1:${column}: error: the new report has the key "severity" twice in one object, first on line 1; ${TWICE}\n`);
  });

  it('says first what makes the text not JSON, wherever a key is twice', () => {
    const twice = write('twice-broken.json', '{"version":1,"version":1,\n"threats":[,]}');
    expect(runZtm(['diff', twice, newFile]).stderr).toBe(`${twice}:2:12: error: the old report is not valid JSON: expected a value, found ",". It must be a report written by \`ztm analyze --format json\`\n`);
  });
});

describe('a report number out of range', () => {
  it('says the whole numbers a count or a line takes (it said "too long: at most 9007199254740991 items", "needs at least 0 items", "rule #NaN")', () => {
    const range = 'must be a whole number from 0 to 9,007,199,254,740,991';
    const cases: [(r: typeof full) => void, string, string][] = [
      [(r) => (r.threats[0].location.line = 1e308), '"line": 1e+308', `\`threats\` item 1 \`location.line\` ${range}, not 1e+308`],
      [(r) => (r.threats[0].location.line = -5), '"line": -5', `\`threats\` item 1 \`location.line\` ${range}, not -5`],
      [(r) => (r.rules.total = 1e300), '"total": 1e+300', `\`rules.total\` ${range}, not 1e+300`],
      [(r) => (r.rules.total = 1.5), '"total": 1.5', `\`rules.total\` ${range}, not 1.5`],
    ];
    for (const [change, written, message] of cases) {
      const report = structuredClone(full);
      change(report);
      const text = JSON.stringify(report, null, 2);
      const bad = write('number.json', text);
      const line = text.split('\n').findIndex((l) => l.includes(written)) + 1;
      const column = text.split('\n')[line - 1]!.indexOf(written) + written.indexOf(':') + 3;
      const r = runZtm(['diff', bad, newFile]);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${bad}:${line}:${column}: error: old report: ${message}\n`]);
    }
  });
});
