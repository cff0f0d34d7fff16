/** ztm.config.yaml: discovery, defaults that flags override, rule selection, severity overrides, positioned errors. */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runZtm } from './helpers/cli.js';
import { loadRules } from '../src/rules/load.js';

/** A project directory with the orders model and, when given, a config next to it. */
function project(config?: string): { dir: string; model: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ztm-config-'));
  const model = join(dir, 'orders.yaml');
  copyFileSync(join(ROOT, 'fixtures/valid/orders-platform.yaml'), model);
  mkdirSync(join(dir, 'rules'));
  copyFileSync(join(ROOT, 'test/data/rules/report-test-rules.yaml'), join(dir, 'rules/team.yaml'));
  if (config !== undefined) writeFileSync(join(dir, 'ztm.config.yaml'), config);
  return { dir, model };
}
const ids = (stdout: string) => (JSON.parse(stdout).threats as { id: string }[]).map((t) => t.id);
const BASE = 'rules:\n  directories: [rules]\n';

describe('ztm.config.yaml', () => {
  it('is found next to the model: its rule directories are relative to it, its format and fail_on apply', () => {
    const { model } = project(`${BASE}format: json\nfail_on: none\n`);
    const r = runZtm(['analyze', model, '--no-builtin-rules']);
    expect(r.code).toBe(0);
    expect(ids(r.stdout)).toContain('spoofing.rt-unauthenticated-internal-flow@web->api');
    expect(JSON.parse(r.stdout).gate.failOn).toBe('none');
  });

  it('is found in the working directory when not next to the model', () => {
    const { dir } = project(`${BASE}format: json\n`);
    const r = runZtm(['analyze', join(ROOT, 'fixtures/valid/orders-platform.yaml'), '--no-builtin-rules', '--fail-on', 'none'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(ids(r.stdout).length).toBeGreaterThan(0);
  });

  it('loses to command-line flags', () => {
    const { model } = project(`${BASE}format: json\nfail_on: none\n`);
    const r = runZtm(['analyze', model, '--no-builtin-rules', '--format', 'terminal', '--fail-on', 'critical']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/gate: FAILED: 2 open threats at or above critical/);
  });

  it('--config names the file explicitly', () => {
    const { dir, model } = project();
    const cfg = join(dir, 'other.yaml');
    writeFileSync(cfg, `${BASE}fail_on: none\nformat: json\n`);
    expect(runZtm(['analyze', model, '--no-builtin-rules', '--config', cfg]).code).toBe(0);
  });

  it('disables rules by id and by category, and enables only what it lists', () => {
    const { model, dir } = project(`${BASE}  disabled: [spoofing, tampering.rt-plaintext-flow]\nformat: json\nfail_on: none\n`);
    expect(ids(runZtm(['analyze', model, '--no-builtin-rules']).stdout)).toEqual(['repudiation.rt-store-without-cloudtrail@db']);
    writeFileSync(join(dir, 'ztm.config.yaml'), `${BASE}  enabled: [tampering]\nformat: json\nfail_on: none\n`);
    expect(ids(runZtm(['analyze', model, '--no-builtin-rules']).stdout)).toEqual(['tampering.rt-plaintext-flow@web->api']);
  });

  it('says on stderr what it takes from the gate: rules turned off, severities lowered (a pull request can add a config)', () => {
    const { model, dir } = project(`${BASE}  disabled: [spoofing, tampering.rt-plaintext-flow]\nformat: json\nfail_on: none\n`);
    expect(runZtm(['analyze', model, '--no-builtin-rules']).stderr).toBe('ztm: ztm.config.yaml turns off 2 of 3 rules; the gate sees only what is left\ngate: passed (--fail-on none)\n');
    writeFileSync(join(dir, 'ztm.config.yaml'), `${BASE}  severity:\n    spoofing.rt-unauthenticated-internal-flow: medium\n    tampering.rt-plaintext-flow: critical\nformat: json\n`);
    expect(runZtm(['analyze', model, '--no-builtin-rules']).stderr).toBe('ztm: ztm.config.yaml lowers the severity of the threats of 1 rule; the gate sees only what is left\ngate: FAILED: 1 open threat at or above high: tampering.rt-plaintext-flow@web->api\n');
    // Raising a severity takes nothing from the gate: no line.
    writeFileSync(join(dir, 'ztm.config.yaml'), `${BASE}  severity:\n    tampering.rt-plaintext-flow: critical\nformat: json\nfail_on: none\n`);
    expect(runZtm(['analyze', model, '--no-builtin-rules']).stderr).toBe('gate: passed (--fail-on none)\n');
  });

  it('refuses a config that leaves no rule enabled, which would pass every model', () => {
    const { model, dir } = project('rules:\n  disabled: [spoofing, tampering, repudiation, information-disclosure, denial-of-service, elevation-of-privilege]\n');
    const none = `error: the settings leave none of the ${loadRules().length} loaded rules enabled: ztm would check nothing and pass every model. Keep some rules enabled\n`;
    const r = runZtm(['analyze', model]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${join(dir, 'ztm.config.yaml')}:2:3: ${none}`]);
    writeFileSync(join(dir, 'ztm.config.yaml'), 'rules:\n  enabled: []\n');
    const r2 = runZtm(['analyze', model]);
    expect([r2.code, r2.stdout, r2.stderr]).toEqual([2, '', `${join(dir, 'ztm.config.yaml')}:2:3: ${none}`]);
  });

  it('refuses a config that leaves only live rules, which fire only when ztm looks at the account', () => {
    const { model, dir } = project('rules:\n  enabled: [spoofing.live-console-user-without-mfa]\n');
    const r = runZtm(['analyze', model]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${join(dir, 'ztm.config.yaml')}:2:3: error: the settings leave none of the ${loadRules().length} loaded rules enabled but live ones, which fire only with --verify or --replay: ztm would check nothing and pass every model. Keep some rules enabled\n`]);
    // With a look at the account (replayed), the live rule has something to check.
    const replayed = runZtm(['analyze', model, '--replay', join(ROOT, 'fixtures/evidence/orders-platform.json'), '--fail-on', 'none']);
    expect(replayed.code, replayed.stderr).toBe(0);
  });

  it('overrides a rule severity after analysis and records why', () => {
    const { model } = project(`${BASE}  severity:\n    spoofing.rt-unauthenticated-internal-flow: medium\nformat: json\n`);
    const r = runZtm(['analyze', model, '--no-builtin-rules']);
    expect(r.code).toBe(0); // nothing left at or above high
    const t = JSON.parse(r.stdout).threats.find((x: { id: string }) => x.id === 'spoofing.rt-unauthenticated-internal-flow@cdn->web');
    expect(t.severity).toBe('medium');
    expect(t.severityReasoning.factors.at(-1)).toBe('severity overridden by ztm.config.yaml: critical → medium');
    expect(JSON.parse(r.stdout).summary.openBySeverity.critical).toBe(0);
  });

  it('refuses a bad config with exit 2 and positioned errors, like a bad model', () => {
    const { model } = project(`${BASE}fail_on: severe\nformt: json\n  # trailing\n`);
    const r = runZtm(['analyze', model, '--no-builtin-rules']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ztm\.config\.yaml:3:10: error: the config has an unknown fail_on "severe"; use one of "critical", "high"/);
    expect(r.stderr).toMatch(/ztm\.config\.yaml:4:1: error: the config has an unknown key "formt" \(did you mean "format"\?\)/);
  });

  it('refuses unknown rule ids and categories, with a suggestion', () => {
    const { model } = project(`${BASE}  disabled: [spofing]\n  severity:\n    tampering.rt-plaintext-flo: high\n`);
    const r = runZtm(['analyze', model, '--no-builtin-rules']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ztm\.config\.yaml:3:14: error: rules\.disabled\.0: "spofing" is not a loaded rule id or a STRIDE category \(did you mean "spoofing"\?\)/);
    expect(r.stderr).toMatch(/ztm\.config\.yaml:5:5: error: rules\.severity\.tampering\.rt-plaintext-flo: .* \(did you mean "tampering\.rt-plaintext-flow"\?\)/);
  });

  it('names a wrong value under rules by its setting, never as a numbered rule (it said "rule #NaN")', () => {
    const cases: [string, string][] = [
      ['rules: {severity: {tampering.plaintext-flow: extreme}}', '1:46: error: the severity of "tampering.plaintext-flow" must be one of "critical", "high", "medium", "low", not "extreme"'],
      ['rules: {severity: {tampering.plaintext-flow: 3}}', '1:46: error: the severity of "tampering.plaintext-flow" must be one of "critical", "high", "medium", "low", not 3'],
      ["rules: {directories: ['']}", '1:23: error: `rules.directories` item 1 must not be empty; write a value or remove the key'],
      ['rules: {directories: rdir}', '1:22: error: `rules.directories` must be a list, not "rdir"'],
    ];
    for (const [config, message] of cases) {
      const { dir, model } = project(`${config}\n`);
      const r = runZtm(['analyze', model, '--no-builtin-rules']);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${join(dir, 'ztm.config.yaml')}:${message}\n`]);
    }
  });

  it('refuses a __proto__ rule id like any unknown one (zod dropped it without a word), and checks its severity', () => {
    for (const [key, column] of [['__proto__', 20], ['constructor', 20]] as const) {
      const { dir, model } = project(`rules: {severity: {${key}: low}}\n`);
      const r = runZtm(['analyze', model, '--no-builtin-rules']);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `${join(dir, 'ztm.config.yaml')}:1:${column}: error: rules.severity.${key}: "${key}" is not a loaded rule id\n`]);
    }
    const { dir, model } = project('rules: {severity: {__proto__: extreme}}\n');
    expect(runZtm(['analyze', model, '--no-builtin-rules']).stderr).toBe(`${join(dir, 'ztm.config.yaml')}:1:31: error: the severity of "__proto__" must be one of "critical", "high", "medium", "low", not "extreme"\n`);
  });
});
