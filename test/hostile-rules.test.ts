/**
 * Hostile rule directories (`ztm analyze --rules DIR`, often in the same pull
 * request as the model): a rule that matches everything fires once per
 * applicable element and no more; rules that "would loop" (conditions that
 * contain themselves, nest 10,000 deep, or expand through aliases to millions
 * of conditions) are refused with a positioned message; huge lists stay bounded
 * and correct. Rule files are data: nothing in them runs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel } from '../src/model/load.js';
import { COMPONENT_KINDS } from '../src/model/catalog/kinds.js';
import { ROOT as ROOT_DIR, fixture } from './helpers/cli.js';
import { STACK_TRACE, tempDir, timedZtm } from './helpers/hostile.js';

const EVERYTHING = 'fixtures/hostile/rules/match-everything';
const MODELS = ['fixtures/hostile/hostile-names.yaml', 'fixtures/hostile/hostile-text.yaml', 'fixtures/hostile/prototype-names.yaml', 'fixtures/valid/orders-platform.yaml'];
const timings: string[] = [];
afterAll(() => console.log(`hostile rules, whole ztm process each:\n${timings.join('\n')}`));

interface Threat { id: string; rule: string; element: string; status: string }
const threatsOf = (stdout: string) => (JSON.parse(stdout) as { threats: Threat[] }).threats;

/** The elements each always-true rule must fire on, from the model itself. */
function applicable(model: string): Record<string, string[]> {
  const { graph } = loadModel(fixture(model.replace(/^fixtures\//, '')), { today: '2026-12-01' });
  const components = [...graph.components.values()];
  return {
    'repudiation.hx-every-component': components.map((c) => c.id),
    'tampering.hx-every-process-or-store': components.filter((c) => COMPONENT_KINDS[c.kind].element !== 'external-entity').map((c) => c.id),
    'tampering.hx-every-flow': graph.flows.map((f) => f.name),
    'tampering.hx-every-account': ['account'],
    'tampering.hx-every-boundary': [...graph.boundaries.keys()],
  };
}

/** A rule file with one rule whose `when` is the given YAML lines. */
function ruleFile(dir: string, name: string, id: string, when: string[], extra: string[] = []): string {
  const file = join(dir, name);
  writeFileSync(file, [
    'ztm-rules: 1',
    'rules:',
    `  - id: ${id}`,
    '    category: tampering',
    '    title: A generated rule',
    '    applies_to: component',
    '    when:',
    ...when.map((l) => `      ${l}`),
    '    statement: { source: a test, prerequisites: "that reaches {element}", action: "match {element}", impact: a threat, assets: "{data}" }',
    '    severity: { likelihood: low, impact: low }',
    '    recommend: [{ control: x-none, service: None, feature: none, how: Nothing. }]',
    ...extra,
    '    references: {}',
    '',
  ].join('\n'));
  return file;
}

const TOO_MANY = 'more than 10,000 conditions in the rules loaded (each use of an alias counts); ztm refuses more to stay fast and bounded. Simplify the rule';

describe('a rule whose condition is always true', () => {
  it.each(MODELS)('%s: each fires exactly once per applicable element, alone', (model) => {
    const r = timedZtm(['analyze', model, '--no-builtin-rules', '--rules', EVERYTHING, '--format', 'json', '--fail-on', 'none']);
    expect(r.code, r.stderr).toBe(0);
    const threats = threatsOf(r.stdout);
    const fired: Record<string, string[]> = {};
    for (const t of threats) (fired[t.rule] ??= []).push(t.element);
    for (const list of Object.values(fired)) list.sort();
    const expected = applicable(model);
    for (const list of Object.values(expected)) list.sort();
    expect(fired).toEqual(Object.fromEntries(Object.entries(expected).filter(([, v]) => v.length > 0)));
    expect(new Set(threats.map((t) => t.id)).size).toBe(threats.length);
  });

  it('with the built-in catalog: the catalog\'s threats are unchanged, the always-true rules add exactly one each', () => {
    const model = 'fixtures/hostile/hostile-names.yaml';
    const alone = threatsOf(timedZtm(['analyze', model, '--format', 'json', '--fail-on', 'none']).stdout);
    const both = threatsOf(timedZtm(['analyze', model, '--rules', EVERYTHING, '--format', 'json', '--fail-on', 'none']).stdout);
    const added = both.filter((t) => t.rule.includes('.hx-'));
    expect(both.filter((t) => !t.rule.includes('.hx-')).map((t) => `${t.id} ${t.status}`).sort()).toEqual(alone.map((t) => `${t.id} ${t.status}`).sort());
    expect(added).toHaveLength(Object.values(applicable(model)).flat().length);
    expect(added.map((t) => t.id).sort()).toEqual(Object.entries(applicable(model)).flatMap(([rule, els]) => els.map((e) => `${rule}@${e}`)).sort());
  });

  it('stays bounded on a large model: 2,000 components, 20,000 flows, 100 boundaries', () => {
    const dir = tempDir('everything-large');
    const lines = ['ztm: 1', 'name: large', 'boundaries:'];
    for (let b = 0; b < 100; b++) lines.push(`  b${b}: { kind: subnet }`);
    lines.push('components:');
    for (let c = 0; c < 2000; c++) lines.push(`  c${c}: { kind: ${c % 10 === 0 ? 'user' : 'lambda'}, in: b${c % 100} }`);
    lines.push('flows:');
    for (let f = 0; f < 20_000; f++) lines.push(`  - { from: c${f % 2000}, to: c${(f % 2000 + 1 + Math.floor(f / 2000)) % 2000}, protocol: https, auth: iam }`);
    const file = join(dir, 'large.yaml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const out = join(dir, 'report.json');
    const r = timedZtm(['analyze', file, '--no-builtin-rules', '--rules', EVERYTHING, '--format', 'json', '--fail-on', 'none', '-o', out]);
    timings.push(`  always-true rules on 2,000 components / 20,000 flows: ${r.ms.toFixed(0)} ms`);
    expect(r.code, r.stderr).toBe(0);
    const threats = threatsOf(readFileSync(out, 'utf8'));
    const count = (rule: string) => threats.filter((t) => t.rule === rule).length;
    expect(count('repudiation.hx-every-component')).toBe(2000);
    expect(count('tampering.hx-every-process-or-store')).toBe(1800);
    expect(count('tampering.hx-every-flow')).toBe(20_000);
    expect(count('tampering.hx-every-account')).toBe(1);
    expect(count('tampering.hx-every-boundary')).toBe(100);
    expect(threats).toHaveLength(2000 + 1800 + 20_000 + 1 + 100);
    expect(r.ms).toBeLessThan(60_000);
  }, 90_000);
});

describe('rules that would loop', () => {
  it('a condition that contains itself through an alias: exit 2 at the anchored condition', () => {
    const r = timedZtm(['analyze', 'fixtures/hostile/hostile-names.yaml', '--rules', 'fixtures/hostile/rules/self-alias']);
    timings.push(`  self-referencing condition: ${r.ms.toFixed(0)} ms`);
    expect(r.code).toBe(2);
    expect([r.stdout, r.stderr]).toEqual(['', 'fixtures/hostile/rules/self-alias/loop.yaml:11:24: error: the file nests lists and mappings deeper than 64 levels here; a model needs far fewer. Flatten this value.\n']);
    expect(r.ms).toBeLessThan(3000);
  });

  it('two conditions that contain each other (not: all: [..., alias]): exit 2 at the first', () => {
    const dir = tempDir('mutual');
    const file = ruleFile(dir, 'mutual.yaml', 'tampering.hx-mutual', ['- &a { not: { all: [ { kind: lambda }, { any: [ *a ] } ] } }']);
    const r = timedZtm(['analyze', 'fixtures/hostile/hostile-names.yaml', '--rules', dir]);
    expect(r.code).toBe(2);
    expect([r.stdout, r.stderr]).toEqual(['', `${file}:8:55: error: the file nests lists and mappings deeper than 64 levels here; a model needs far fewer. Flatten this value.\n`]);
  });

  it('conditions nested 20 deep (under the limit): compiled once, correct, quick', () => {
    const dir = tempDir('nested');
    // not(not(...)) 20 times around "kind is lambda": fires on the lambdas only.
    ruleFile(dir, 'nested.yaml', 'tampering.hx-nested', [`- ${'{ not: '.repeat(20)}{ kind: lambda }${' }'.repeat(20)}`]);
    const r = timedZtm(['analyze', 'fixtures/hostile/hostile-names.yaml', '--no-builtin-rules', '--rules', dir, '--format', 'json', '--fail-on', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(threatsOf(r.stdout).map((t) => t.id)).toEqual(['tampering.hx-nested@app']);
  });

  it('a huge any list (200,000 conditions, 7 MB): exit 2 at the 10,001st condition, quickly', () => {
    const dir = tempDir('huge-any');
    const n = 200_000;
    const file = ruleFile(dir, 'huge.yaml', 'tampering.hx-huge-any', ['- any:', ...Array.from({ length: n }, (_, i) => `    - { id: no-such-${i} }`), '    - { kind: lambda }']);
    const r = timedZtm(['analyze', 'fixtures/hostile/hostile-names.yaml', '--rules', dir]);
    timings.push(`  any list of 200,000 conditions: ${r.ms.toFixed(0)} ms`);
    expect(r.code).toBe(2);
    // The `any` itself is condition 1; list item k (from 0) is condition k + 2, on line 9 + k.
    expect([r.stdout, r.stderr]).toEqual(['', `${file}:10008:13: error: rule "tampering.hx-huge-any": ${TOO_MANY}\n`]);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.ms).toBeLessThan(10_000);
  });

  // Before the limit this file compiled a million predicates: 4 s and 670 MB; three such files took 3.5 GB.
  it('aliases that expand 20 KB into a million conditions: exit 2, quickly, within a 128 MB heap', () => {
    const dir = tempDir('amplified');
    const list = Array.from({ length: 1000 }, (_, i) => `{ id: no-such-${i} }`).join(', ');
    const file = ruleFile(dir, 'amplified.yaml', 'tampering.hx-amplified', [`- any: &l [${list}, { kind: lambda }]`, `- any: [${Array(999).fill('{ any: *l }').join(', ')}]`]);
    const r = timedZtm(['analyze', 'fixtures/hostile/hostile-names.yaml', '--rules', dir], { env: { NODE_OPTIONS: '--max-old-space-size=128' } });
    timings.push(`  1,000 x 1,000 conditions through aliases: ${r.ms.toFixed(0)} ms`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:8:\\d+: error: rule "tampering\\.hx-amplified": ${TOO_MANY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n$`));
    expect(r.ms).toBeLessThan(5000);
  });

  it('the limit holds across rule files: 6,000 conditions in each of two files are refused in the second', () => {
    const dir = tempDir('split');
    const when = ['- any:', ...Array.from({ length: 5999 }, (_, i) => `    - { id: no-such-${i} }`)];
    ruleFile(dir, 'a.yaml', 'tampering.hx-split-a', when);
    const second = ruleFile(dir, 'b.yaml', 'tampering.hx-split-b', when);
    const r = timedZtm(['analyze', 'fixtures/hostile/hostile-names.yaml', '--no-builtin-rules', '--rules', dir]);
    expect(r.code).toBe(2);
    // 6,000 in a.yaml; b.yaml's `any` is the 6,001st, its item k the (6,002 + k)th: the 10,001st is item 3,999, line 4,008.
    expect([r.stdout, r.stderr]).toEqual(['', `${second}:4008:13: error: rule "tampering.hx-split-b": ${TOO_MANY}\n`]);
  });

  it('rules at the limit are accepted: 10,000 conditions over two files', () => {
    const dir = tempDir('at-limit');
    ruleFile(dir, 'a.yaml', 'tampering.hx-limit-a', ['- any:', ...Array.from({ length: 4999 }, (_, i) => `    - { id: no-such-${i} }`)]);
    ruleFile(dir, 'b.yaml', 'tampering.hx-limit-b', ['- any:', ...Array.from({ length: 4998 }, (_, i) => `    - { id: no-such-${i} }`), '    - { kind: lambda }']);
    const r = timedZtm(['analyze', 'fixtures/hostile/hostile-names.yaml', '--no-builtin-rules', '--rules', dir, '--format', 'json', '--fail-on', 'none']);
    expect(r.code, r.stderr).toBe(0);
    expect(threatsOf(r.stdout).map((t) => t.id)).toEqual(['tampering.hx-limit-b@app']);
  });
});

describe('a huge mitigated_by list', () => {
  it('100,000 controls in any_of: bounded, and mitigation still exact', () => {
    const dir = tempDir('huge-any-of');
    const ids = (p: string) => Array.from({ length: 100_000 }, (_, i) => `x-${p}${i}`).join(', ');
    ruleFile(dir, 'any-of.yaml', 'tampering.hx-huge-any-of', ['- not: { kind: no-such-kind }'], ['    mitigated_by:', `      any_of: [${ids('a')}]`]);
    const model = join(tempDir('huge-any-of-model'), 'model.yaml');
    writeFileSync(model, ['ztm: 1', 'name: huge any_of', 'components:', '  first: { kind: lambda, controls: [x-a0] }', '  last: { kind: lambda, controls: [x-a99999] }', '  none: { kind: lambda, controls: [x-b1] }', ''].join('\n'));
    const r = timedZtm(['analyze', model, '--no-builtin-rules', '--rules', dir, '--format', 'json', '--fail-on', 'none']);
    timings.push(`  mitigated_by.any_of of 100,000 controls: ${r.ms.toFixed(0)} ms`);
    expect(r.code, r.stderr).toBe(0);
    expect(threatsOf(r.stdout).map((t) => `${t.id} ${t.status}`).sort()).toEqual([
      'tampering.hx-huge-any-of@first mitigated',
      'tampering.hx-huge-any-of@last mitigated',
      'tampering.hx-huge-any-of@none open',
    ]);
    expect(r.ms).toBeLessThan(10_000);
  });
});

describe('a rule file of 70,000 broken rules', () => {
  // Nine problems each: 630,000 diagnostics. Gathering them with push(...list) overflowed the stack
  // ("internal error: Maximum call stack size exceeded", exit 3).
  const dir = tempDir('many-rules');
  const file = join(dir, 'broken.yaml');
  const lines = ['ztm-rules: 1', 'rules:'];
  for (let i = 0; i < 70_000; i++) lines.push(`  - { id: tampering.r${i}, bogus: 1, wrong: 2 }`);
  writeFileSync(file, `${lines.join('\n')}\n`);

  it('exit 2: the first 200 problems in file order, then a count of the rest', () => {
    const r = timedZtm(['analyze', 'fixtures/valid/orders-platform.yaml', '--rules', dir]);
    timings.push(`  70,000 broken rules: ${r.ms.toFixed(0)} ms`);
    expect([r.code, r.stdout]).toEqual([2, '']);
    const out = r.stderr.split('\n');
    expect(out[0]).toBe(`${file}:3:5: error: rule #1 has no \`applies_to\`; add it: one of "component", "flow", "account", "boundary"`);
    expect(out[8]).toBe(`${file}:3:35: error: rule #1 has an unknown key "wrong"; remove it or fix its spelling`);
    expect(out.slice(200)).toEqual(['ztm: 629,800 more errors not shown; fix the first ones, then check again', '']);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  }, 90_000);
});

describe('rule files and directories that would load nothing', () => {
  const model = fixture('valid/orders-platform.yaml');
  const rules = readFileSync(join(ROOT_DIR, 'test/data/rules/report-test-rules.yaml'), 'utf8');
  const NONE = 'the rules directory holds no rule file';
  const WHERE = "ztm reads the *.yaml and *.yml files of the directory itself, not of its subdirectories. Name the directory that holds them, or add a rule file";

  it('a directory whose rule files sit in a subdirectory, or are named .YAML: exit 2, saying why (it used to load none, silently)', () => {
    const nested = tempDir('rules-nested');
    mkdirSync(join(nested, 'team'));
    writeFileSync(join(nested, 'team', 'rules.yaml'), rules);
    const r = timedZtm(['analyze', model, '--rules', nested]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${nested}: error: ${NONE}; ${WHERE}\n`]);
    const upper = tempDir('rules-upper');
    writeFileSync(join(upper, 'TEAM.YAML'), rules);
    const r2 = timedZtm(['analyze', model, '--rules', upper]);
    expect([r2.code, r2.stdout, r2.stderr]).toEqual([2, '', `${upper}: error: ${NONE} (ztm reads names ending in .yaml or .yml, in lower case); ${WHERE}\n`]);
  });

  it('an empty rule file or settings file says what the file should hold, not what a model starts with', () => {
    const dir = tempDir('rules-empty');
    writeFileSync(join(dir, 'empty.yaml'), '# nothing yet\n');
    const r = timedZtm(['analyze', model, '--rules', dir]);
    expect([r.code, r.stderr]).toEqual([2, `${join(dir, 'empty.yaml')}:1:1: error: the file is empty: a rule file starts with \`ztm-rules: 1\` and lists its \`rules:\` (see rules/README.md).\n`]);
    const project = tempDir('config-empty');
    writeFileSync(join(project, 'arch.yaml'), readFileSync(model));
    writeFileSync(join(project, 'ztm.config.yaml'), '');
    const r2 = timedZtm(['analyze', join(project, 'arch.yaml')]);
    expect([r2.code, r2.stderr]).toEqual([2, `${join(project, 'ztm.config.yaml')}:1:1: error: the file is empty: a ztm config is a mapping of settings such as \`fail_on: high\` (see README, "Configuration"), or delete the file.\n`]);
  });
});
