import { describe, expect, it } from 'vitest';
import { fixture, runZtm } from './helpers/cli.js';

const ORDERS = fixture('valid/orders-platform.yaml');
const DRIFT = fixture('analysis/orders-drift.yaml');
const EVIDENCE = fixture('evidence/orders-platform.json');

interface Report {
  threats: { id: string; rule: string; status: string; evidence: { attribute: string; value: unknown }[] }[];
  verification?: { accountId: string; region: string; checkedAt: string; complete: boolean; checks: { element: string; control: string; status: string }[] };
  gate: { failed: boolean; contradicted: { control: string }[] };
}

describe('ztm analyze --verify / --replay', () => {
  it('reads live facts from recorded evidence and turns account findings into threats', () => {
    const r = runZtm(['analyze', ORDERS, '--replay', EVIDENCE, '--format', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.verification).toMatchObject({ accountId: '123456789012', region: 'ap-northeast-1', complete: false });
    expect(report.verification!.checks).toContainEqual(expect.objectContaining({ element: 'web', control: 'waf', status: 'verified' }));
    const live = report.threats.filter((t) => t.rule.includes('.live-')).map((t) => t.id);
    expect(live).toContain('elevation-of-privilege.live-wildcard-role-policy@api');
    expect(live).toContain('spoofing.live-console-user-without-mfa@account');
    expect(r.stderr).toMatch(/verification incomplete: waf on cdn \(no arn in the model/);
  });

  it('exits 4 with --require-verified when a check was unverifiable and the gate passed', () => {
    const r = runZtm(['analyze', ORDERS, '--replay', EVIDENCE, '--fail-on', 'none', '--require-verified']);
    expect(r.code).toBe(4);
  });

  it('fails the gate on drift even with --fail-on none, and says which control', () => {
    const r = runZtm(['analyze', DRIFT, '--replay', EVIDENCE, '--fail-on', 'none', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.gate.contradicted.map((c) => c.control)).toEqual(['password_policy']);
    expect(r.stderr).toContain('gate: FAILED: 1 declared control contradicted by the account (password_policy on account)');
  });

  it('shows each checked control in the terminal and the design-review document', () => {
    const term = runZtm(['analyze', DRIFT, '--replay', EVIDENCE, '--fail-on', 'none']);
    expect(term.stdout).toMatch(/Live verification \(account 123456789012, ap-northeast-1, .*\): 3 verified, 1 contradicted, 1 unverifiable/);
    expect(term.stdout).toMatch(/contradicted +password_policy on account: the password policy is weak/);
    const md = runZtm(['analyze', DRIFT, '--replay', EVIDENCE, '--fail-on', 'none', '--format', 'markdown']);
    expect(md.stdout).toContain('## Live verification');
    expect(md.stdout).toMatch(/\| `account` \| `password_policy` \| ✗ contradicted \|/);
    const sarif = JSON.parse(runZtm(['analyze', DRIFT, '--replay', EVIDENCE, '--fail-on', 'none', '--format', 'sarif']).stdout);
    expect(sarif.runs[0].properties.verification.checks.length).toBe(5);
  });

  it('refuses --record with --replay (exit 2)', () => {
    const r = runZtm(['analyze', ORDERS, '--replay', EVIDENCE, '--record', '/tmp/x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--record and --replay cannot be used together');
  });

  it('refuses a missing evidence file with exit 2 and no stack trace', () => {
    const r = runZtm(['analyze', ORDERS, '--replay', '/no/such/evidence.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('ztm verify and ztm analyze --replay agree', () => {
  it('give every live finding the same severity', () => {
    const verify = JSON.parse(runZtm(['verify', ORDERS, '--replay', EVIDENCE, '--format', 'json', '--fail-on', 'none']).stdout) as { findings: { rule: string; element: string; severity: string }[] };
    const analysis = JSON.parse(runZtm(['analyze', ORDERS, '--replay', EVIDENCE, '--format', 'json', '--fail-on', 'none']).stdout) as { threats: { id: string; severity: string }[] };
    const bySite = new Map(analysis.threats.map((t) => [t.id, t.severity]));
    expect(verify.findings.length).toBeGreaterThan(0);
    for (const f of verify.findings) expect(`${f.rule}@${f.element} ${f.severity}`).toBe(`${f.rule}@${f.element} ${bySite.get(`${f.rule}@${f.element}`)}`);
  });
});
