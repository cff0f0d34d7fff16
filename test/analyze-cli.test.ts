import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { fixture, runZtm } from './helpers/cli.js';

const CUSTOM = fixture('custom-rules/good');
const LAMBDA = fixture('analysis/lambda-restricted.yaml');
const ORDERS = fixture('valid/orders-platform.yaml');

interface Report {
  version: number;
  threats: { id: string; rule: string; category: string; element: string; severity: string; status: string; evidence: unknown[]; controls: string[]; recommendations: { control: string; service: string; how: string }[]; references: object; statement: { text: string } }[];
  summary: { total: number; byStatus: Record<string, number> };
  gate: { failed: boolean; failing: string[]; failOn: string };
  warnings: { code: string; message: string }[];
}

const json = (args: string[], env?: Record<string, string>): { code: number | null; report: Report; stderr: string } => {
  const r = runZtm(['analyze', ...args, '--format', 'json'], { env });
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
};

describe('ztm analyze: the gate and its exit codes', () => {
  it('exits 1 when an open threat reaches --fail-on, and the last line says how many and which', () => {
    const r = runZtm(['analyze', ORDERS, '--fail-on', 'low']);
    expect(r.code).toBe(1);
    const last = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^gate: FAILED: \d+ open threats? at or above low: /);
    expect(last).toContain('@');
  });

  it('exits 0 with --fail-on none, and says so', () => {
    const r = runZtm(['analyze', ORDERS, '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('gate: passed (--fail-on none)');
  });

  it('exits 0 when every threat is mitigated or accepted', () => {
    const r = runZtm(['analyze', LAMBDA, '--no-builtin-rules', '--rules', CUSTOM, '--fail-on', 'low']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gate: passed: no open threat at or above low');
  });

  it('counts an expired acceptance as open', () => {
    const r = json([LAMBDA, '--no-builtin-rules', '--rules', CUSTOM, '--fail-on', 'low'], { ZTM_TODAY: '2027-01-01' });
    expect(r.code).toBe(1);
    const t = r.report.threats.find((x) => x.id === 'tampering.acme-unsigned-lambda-with-restricted-data@tokenizer');
    expect(t?.status).toBe('acceptance-expired');
    expect(r.report.gate.failing).toEqual(['tampering.acme-unsigned-lambda-with-restricted-data@tokenizer']);
    expect(r.stderr).toMatch(/gate: FAILED: 1 open threat at or above low/);
  });

  it('exits 2 for a bad model, with positioned errors on stderr and nothing on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'ztm: 1\nname: x\ncomponents:\n  a: { kind: lamda }\n');
    const r = runZtm(['analyze', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${bad}:4:14: error:`);
    expect(r.stderr).toContain('did you mean "lambda"?');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 for bad rules, naming the rule file, line and column', () => {
    const r = runZtm(['analyze', LAMBDA, '--rules', fixture('custom-rules/bad')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/broken\.yaml:\d+:\d+: error: .*likelihood/);
  });

  it('exits 2 for bad usage', () => {
    expect(runZtm(['analyze', ORDERS, '--fail-on', 'sometimes']).code).toBe(2);
    expect(runZtm(['analyze', ORDERS, '--format', 'pdf']).code).toBe(2);
    expect(runZtm(['analyze']).code).toBe(2);
    expect(runZtm(['analyze', '/no/such/file.yaml']).code).toBe(2);
  });
});

describe('ztm analyze: custom rules without code', () => {
  it('fires a team rule and marks it mitigated where the team control is declared', () => {
    const { report } = json([LAMBDA, '--no-builtin-rules', '--rules', CUSTOM, '--fail-on', 'none']);
    const byId = new Map(report.threats.map((t) => [t.id, t]));
    expect(byId.get('tampering.acme-unsigned-lambda-with-restricted-data@signed')?.status).toBe('mitigated');
    expect(byId.get('tampering.acme-unsigned-lambda-with-restricted-data@tokenizer')?.status).toBe('accepted');
    expect(report.threats).toHaveLength(2);
  });

  it('recommends a control only where its own `when` holds, and lists only the controls it recommends', () => {
    const { report } = json([ORDERS, '--no-builtin-rules', '--rules', fixture('custom-rules/conditional'), '--fail-on', 'none']);
    const byId = new Map(report.threats.map((t) => [t.id, t]));
    const fromDistribution = byId.get('spoofing.acme-unauthenticated-to-web-tier@cdn->web')!;
    const fromBalancer = byId.get('spoofing.acme-unauthenticated-to-web-tier@web->api')!;
    expect(report.threats).toHaveLength(2);
    expect(fromDistribution.controls).toEqual(['mtls', 'signed-requests']);
    expect(fromDistribution.recommendations.map((r) => r.how)).toEqual(['Issue cdn a client certificate and make web require it.', 'Let web accept only requests the distribution cdn signed.']);
    expect(fromBalancer.controls).toEqual(['mtls', 'least-privilege']);
    expect(fromBalancer.recommendations.map((r) => r.how)).toEqual(['Issue web a client certificate and make api require it.', 'Put api behind a VPC Lattice service whose auth policy allows only the role of web.']);
  });

  it('recommends CloudFront origin access control, in the built-in catalog, only on flows from a distribution', () => {
    const { report } = json([ORDERS, '--fail-on', 'none']);
    const byId = new Map(report.threats.map((t) => [t.id, t]));
    const fromDistribution = byId.get('spoofing.unauthenticated-internal-flow@cdn->web')!;
    const fromBalancer = byId.get('spoofing.unauthenticated-internal-flow@web->api')!;
    expect(fromDistribution.controls).toEqual(['mtls', 'signed-requests', 'least-privilege']);
    expect(fromBalancer.controls).toEqual(['mtls', 'least-privilege']);
    expect(fromBalancer.recommendations.map((r) => r.service)).toEqual(['ACM Private CA / VPC Lattice', 'IAM']);
    expect(runZtm(['analyze', ORDERS, '--fail-on', 'none']).stdout).not.toMatch(/distribution web signed/);
  });

  it('recommends CloudTrail data events, in the built-in catalog, only for a store that has them (DynamoDB, not RDS)', () => {
    const controls = (model: string, id: string) => json([fixture(model), '--fail-on', 'none']).report.threats.find((t) => t.id === id)?.controls;
    expect(controls('valid/serverless-api.yaml', 'repudiation.sensitive-store-without-audit-trail@table')).toEqual(['cloudtrail', 'audit-logging']);
    expect(controls('valid/orders-platform.yaml', 'repudiation.sensitive-store-without-audit-trail@db')).toEqual(['audit-logging']);
  });

  it('refuses a rule id defined twice', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-rules-'));
    const text = readFileSync(join(CUSTOM, 'team.yaml'), 'utf8');
    writeFileSync(join(dir, 'a.yaml'), text);
    writeFileSync(join(dir, 'b.yaml'), text);
    const r = runZtm(['analyze', LAMBDA, '--no-builtin-rules', '--rules', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/b\.yaml:\d+:\d+: error: rule id "tampering\.acme-unsigned-lambda-with-restricted-data" is already defined at .*a\.yaml/);
  });
});

describe('ztm analyze: determinism and stable identity', () => {
  it('gives byte-identical JSON for the same model', () => {
    const a = runZtm(['analyze', ORDERS, '--format', 'json']);
    const b = runZtm(['analyze', ORDERS, '--format', 'json']);
    expect(a.stdout.length).toBeGreaterThan(100);
    expect(a.stdout).toBe(b.stdout);
  });

  it('keeps threat ids, severities and statuses when components and flows are reordered', () => {
    const model = yaml.load(readFileSync(ORDERS, 'utf8'), { schema: yaml.CORE_SCHEMA }) as { components: Record<string, unknown>; flows: unknown[] };
    model.components = Object.fromEntries(Object.entries(model.components).reverse());
    model.flows = [...model.flows].reverse();
    const dir = mkdtempSync(join(tmpdir(), 'ztm-reorder-'));
    const reordered = join(dir, 'reordered.yaml');
    writeFileSync(reordered, yaml.dump(model));
    const pick = (r: Report) => r.threats.map((t) => `${t.id} ${t.severity} ${t.status}`).sort();
    const original = json([ORDERS]).report;
    expect(original.threats.length).toBeGreaterThan(0);
    expect(pick(json([reordered]).report)).toEqual(pick(original));
  });

  it('keeps the ids of unrelated threats when a component is added', () => {
    const text = readFileSync(ORDERS, 'utf8').replace(/^flows:/m, '  extra-queue:\n    kind: sqs\n    in: private\nflows:\n  - { from: api, to: extra-queue, protocol: aws-api, auth: iam }');
    const dir = mkdtempSync(join(tmpdir(), 'ztm-add-'));
    const grown = join(dir, 'grown.yaml');
    writeFileSync(grown, text);
    const before = new Set(json([ORDERS]).report.threats.map((t) => t.id));
    const after = new Set(json([grown]).report.threats.map((t) => t.id));
    for (const id of before) if (!id.includes('extra-queue') && !id.startsWith('denial-of-service') && !id.includes('@api')) expect(after).toContain(id);
  });
});

describe('ztm analyze: the JSON report', () => {
  it('carries the documented fields for every threat', () => {
    const { report } = json([ORDERS, '--fail-on', 'none']);
    expect(report.version).toBe(1);
    for (const t of report.threats) {
      expect(t.id).toBe(`${t.rule}@${t.element}`);
      expect(['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege']).toContain(t.category);
      expect(['critical', 'high', 'medium', 'low']).toContain(t.severity);
      expect(t.evidence.length).toBeGreaterThan(0);
      expect(t.controls.length).toBeGreaterThan(0);
      expect(t.statement.text).toMatch(/ can .*, which leads to .*, negatively impacting .*\.$/);
    }
  });
});

describe('ztm analyze: terminal output', () => {
  it('is plain without a TTY and coloured with FORCE_COLOR', () => {
    const plain = runZtm(['analyze', ORDERS]);
    expect(plain.stdout).not.toContain('\u001b[');
    const colour = runZtm(['analyze', ORDERS], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(colour.stdout).toContain('\u001b[');
  });

  it('is plain in a file, even where colour is wanted: -o, and the same text as plain stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-out-'));
    const out = join(dir, 'report.txt');
    const r = runZtm(['analyze', ORDERS, '-o', out], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(runZtm(['analyze', ORDERS]).stdout);
  });

  it('writes -o atomically and keeps stdout empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-out-'));
    const out = join(dir, 'report.json');
    const r = runZtm(['analyze', ORDERS, '--format', 'json', '-o', out, '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe(1);
  });
});

describe('ztm analyze: bad rule files', () => {
  it("checks a recommendation's own `when` as it checks the rule's, and wants one recommendation without", () => {
    const r = runZtm(['analyze', ORDERS, '--rules', fixture('custom-rules/bad-recommend')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/broken\.yaml:18:13: error: rule "spoofing\.acme-bad-recommendation-condition": unknown attribute "from\.kindd" \(did you mean "from\.kind"\?\)/),
      expect.stringMatching(/broken\.yaml:29:7: error: rule "spoofing\.acme-only-conditional-recommendations": every recommendation has its own `when`/),
    ]);
  });


  it('reports every mistake of a rule file at once, each at its line and column', () => {
    const r = runZtm(['analyze', LAMBDA, '--rules', fixture('custom-rules/bad')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/broken\.yaml:9:9: error: rule "spoofing\.bad-condition": unknown attribute "kindd" \(did you mean "kind"\?\)/),
      expect.stringMatching(/broken\.yaml:10:9: error: rule "spoofing\.bad-condition": exposed: operator "at_least" does not apply to a boolean attribute/),
      expect.stringMatching(/broken\.yaml:12:29: error: rule #1: `severity` has an unknown likelihood "sometimes"/),
    ]);
  });
});

describe('ztm analyze: rules on boundaries', () => {
  it('fires a team rule on the boundary it names, with the boundary as the element', () => {
    const { report } = json([fixture('analysis/public-subnet-db.yaml'), '--no-builtin-rules', '--rules', fixture('custom-rules/boundary'), '--fail-on', 'none']);
    expect(report.threats.map((t) => `${t.id} ${t.severity}`)).toEqual(['information-disclosure.acme-database-in-public-subnet@dmz medium']);
    expect(report.threats[0]!.statement.text).toContain('left open by a security group change in dmz');
    expect(report.threats[0]!.statement.text).toMatch(/negatively impacting customers\.$/);
  });
});
