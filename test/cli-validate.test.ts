/** `ztm validate` as a process: exit codes, streams, --quiet, warnings. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runZtm } from './helpers/cli.js';

const VALID = fixture('valid/orders-platform.yaml');

function model(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ztm-validate-'));
  const file = join(dir, 'arch.yaml');
  writeFileSync(file, ['ztm: 1', 'name: warnings', ...lines, ''].join('\n'));
  return file;
}

describe('ztm validate', () => {
  it('exits 0 for a valid model and prints the "valid" line on stdout', () => {
    const r = runZtm(['validate', VALID]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/orders-platform\.yaml: valid \(9 components, 7 flows, 5 boundaries, 2 warnings\)\n$/);
    expect(r.stderr).toMatch(/orders-platform\.yaml:53:3: warning: component "auth" has no flows/);
  });

  it.each([
    ['unknown-reference', ':9:9: error: flow #2 goes to "dbb", which is not a component (did you mean "db"?)'],
    ['unknown-control', ':6:21: error: component "web": unknown control "wafx" (did you mean "waf"?); team-specific controls start with "x-"'],
    ['yaml-syntax', ':5:3: error: YAML syntax error: missed comma between flow collection entries.'],
    ['billion-laughs', ':9:5: error: expanding the aliases here would make more than 4,000,000 values'],
    ['tabs', ':4:1: error: a tab is used for indentation'],
    ['empty', ':1:1: error: the file is empty'],
  ])('%s: exit 2, the error on stderr, nothing on stdout, no stack trace', (name, expected) => {
    const r = runZtm(['validate', fixture(`invalid/${name}.yaml`)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${name}.yaml${expected}`);
    expect(r.stderr).toMatch(/: invalid \(1 error\)\n$/);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  });

  it('several files: exit 2 when any is invalid, every file reported', () => {
    const r = runZtm(['validate', VALID, fixture('invalid/several-errors.yaml'), fixture('invalid/unknown-kind.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/orders-platform\.yaml: valid/);
    expect(r.stderr).toMatch(/several-errors\.yaml: invalid \(3 errors\)/);
    expect(r.stderr).toMatch(/unknown-kind\.yaml: invalid \(1 error\)/);
    const lines = r.stderr.split('\n').filter((l) => l.includes('several-errors.yaml:') && l.includes(': error'));
    expect(lines.map((l) => l.split(': error')[0]!.replace(/^.*several-errors\.yaml:/, ''))).toEqual(['4:16', '5:35', '8:22']);
  });

  it('exit 0 for several valid files', () => {
    expect(runZtm(['validate', VALID, VALID]).code).toBe(0);
  });

  it('--quiet prints errors only: no warnings, no summary', () => {
    const ok = runZtm(['validate', '--quiet', VALID]);
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, '', '']);
    const bad = runZtm(['validate', '-q', fixture('invalid/unknown-key.yaml')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown-key.yaml:6:5: error: component "web" has an unknown key "internet_facin"');
  });

  it('warnings do not fail: unconnected component, unused data, acceptance expiring within 30 days (ZTM_TODAY)', () => {
    const file = model([
      'data:',
      '  card: { classification: restricted }',
      '  logs: { classification: internal }',
      'components:',
      '  web: { kind: alb }',
      '  api: { kind: lambda }',
      '  lonely: { kind: s3 }',
      'flows:',
      '  - { from: web, to: api, protocol: https, data: [card] }',
      'accept:',
      '  - { threat: spoofing@web, reason: r, by: me, expires: 2026-12-31 }',
      '  - { threat: spoofing@api, reason: r, by: me, expires: 2027-01-01 }',
      '  - { threat: tampering@api, reason: r, by: me, expires: 2026-11-30 }',
    ]);
    const r = runZtm(['validate', file]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter(Boolean).map((l) => l.slice(l.indexOf('arch.yaml:') + 10))).toEqual([
      '5:3: warning: data asset "logs" is neither stored nor carried by any flow; add it to a component\'s `stores` or a flow\'s `data`, or remove it',
      '9:3: warning: component "lonely" has no flows; threats that depend on who talks to it cannot be found (add its flows, or remove it)',
      '13:57: warning: acceptance #1 expires in 30 days (2026-12-31); renew it or fix the threat',
      '15:58: warning: acceptance #3 expired on 2026-11-30; the threat counts as open again until it is renewed',
    ]);
    expect(r.stdout).toMatch(/arch\.yaml: valid \(3 components, 1 flow, 0 boundaries, 4 warnings\)/);
    expect(runZtm(['validate', file], { env: { ZTM_TODAY: '2026-12-02' } }).stderr).not.toContain('acceptance #1 expires in 30 days');
  });

  it('a missing file is exit 2 with a clear message', () => {
    const r = runZtm(['validate', 'no/such/file.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no/such/file.yaml: error: cannot read the file: no such file; check the path.');
  });

  it('unknown option and missing argument are usage errors: exit 2', () => {
    expect(runZtm(['validate', '--bogus', VALID]).code).toBe(2);
    expect(runZtm(['validate']).code).toBe(2);
  });
});

describe('a rule file where a model belongs, and a model where rule files belong', () => {
  it('ztm validate on a rule file: one message naming what it is, exit 2', () => {
    const r = runZtm(['validate', 'rules/spoofing.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rules/spoofing.yaml:4:1: error: this is a rule file (`ztm-rules: 1`), not an architecture model; give it to `ztm analyze --rules`, and give ztm a model (`ztm: 1`, see `ztm init`)\nrules/spoofing.yaml: invalid (1 error)\n');
  });

  it('ztm analyze on a JSON report: one message naming what it is, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-report-as-model-'));
    const report = join(dir, 'report.json');
    writeFileSync(report, runZtm(['analyze', fixture('valid/orders-platform.yaml'), '--format', 'json']).stdout);
    const r = runZtm(['analyze', report]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${report}:2:3: error: this is a ztm report (\`--format json\`), not an architecture model; give it to \`--baseline\` or \`ztm diff\`, and give ztm a model (\`ztm: 1\`, see \`ztm init\`)\n`);
  });

  it('ztm analyze --rules at a directory of models: one message per model, exit 2, no report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-rules-models-'));
    writeFileSync(join(dir, 'arch.yaml'), 'ztm: 1\nname: x\ncomponents:\n  a: { kind: lambda }\n');
    const r = runZtm(['analyze', fixture('valid/orders-platform.yaml'), '--rules', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${join(dir, 'arch.yaml')}:1:1: error: this is an architecture model (\`ztm: 1\`), not a rule file; rule files start with \`ztm-rules: 1\` (see rules/README.md). Give --rules the directory of your rule files\n`);
  });
});
