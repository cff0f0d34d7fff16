/** SARIF 2.1.0: every fixture validates against the official schema, one result per open threat. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sarifValidator } from './helpers/sarif-schema.js';
import { HOSTILE, TEST_RULES, VALID, analyze, isOpen, jsonReport } from './data/reports.js';
import { artifactLocation } from '../src/report/sarif.js';

const validate = sarifValidator();

const sarifOf = (model: string, ...extra: string[]) => {
  const r = analyze(model, 'sarif', ...extra);
  expect(r.code, r.stderr).toBe(0);
  return { text: r.stdout, log: JSON.parse(r.stdout) };
};

describe('SARIF output', () => {
  it('the validator rejects what the schema forbids (so passing means something)', () => {
    const { log } = sarifOf(VALID[0]!, ...TEST_RULES);
    expect(validate(log)).toBe(true);
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
    const noLine = structuredClone(log);
    noLine.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    expect(validate(noLine)).toBe(false);
  });

  it.each([...VALID, HOSTILE])('%s validates against the SARIF 2.1.0 schema', (model) => {
    const { log } = sarifOf(model);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it.each(VALID)('%s: one result per open threat, located at the element, fingerprinted by stable id', (model) => {
    const report = jsonReport(model);
    const { log } = sarifOf(model);
    const run = log.runs[0];
    const open = report.threats.filter(isOpen);
    expect(run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['ztmThreatId/v1']).sort()).toEqual(open.map((t) => t.id).sort());
    for (const t of open) {
      const r = run.results.find((x: { properties: { threatId: string } }) => x.properties.threatId === t.id);
      expect(r.ruleId).toBe(t.rule);
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(t.rule);
      expect(r.level).toBe({ critical: 'error', high: 'error', medium: 'warning', low: 'note' }[t.severity]);
      expect(r.properties).toMatchObject({ severity: t.severity, status: t.status });
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation).toEqual({ uri: model, uriBaseId: '%SRCROOT%' });
      expect(loc.region).toEqual({ startLine: t.location.line, startColumn: t.location.column });
    }
  });

  it('describes each rule with help, tags and a numeric security-severity of its worst result', () => {
    const { log } = sarifOf('fixtures/valid/orders-platform.yaml', ...TEST_RULES);
    const rules = log.runs[0].tool.driver.rules;
    const spoof = rules.find((r: { id: string }) => r.id === 'spoofing.rt-unauthenticated-internal-flow');
    expect(spoof).toMatchObject({
      name: 'RtUnauthenticatedInternalFlow',
      shortDescription: { text: 'Test rule - internal flow without authentication' },
      defaultConfiguration: { level: 'error' },
      helpUri: 'https://docs.aws.amazon.com/vpc-lattice/latest/ug/auth-policies.html',
      properties: { 'security-severity': '9.5', tags: expect.arrayContaining(['security', 'spoofing']) },
    });
    expect(spoof.help.markdown).toContain('[Security Hub IAM.5](https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-5)');
    expect(spoof.help.markdown).toContain('(https://attack.mitre.org/techniques/T1078/004/)');
    expect(spoof.help.text).toContain('ACM Private CA: mutual TLS (mtls)');
    const plain = rules.find((r: { id: string }) => r.id === 'tampering.rt-plaintext-flow');
    expect(plain.properties['security-severity']).toBe('3.0');
    expect(plain.defaultConfiguration.level).toBe('note');
    // Only rules with open threats are described.
    const openRules = [...new Set(jsonReport('fixtures/valid/orders-platform.yaml', ...TEST_RULES).threats.filter(isOpen).map((t) => t.rule))].sort();
    expect(rules.map((r: { id: string }) => r.id)).toEqual(openRules);
  });

  it("names in a rule's help every recommendation that applies to one of its results, and in each result the fix that applies to it", () => {
    const { log } = sarifOf('fixtures/valid/orders-platform.yaml', '--no-builtin-rules', '--rules', 'fixtures/custom-rules/conditional');
    const [rule] = log.runs[0].tool.driver.rules;
    expect(rule.id).toBe('spoofing.acme-unauthenticated-to-web-tier');
    // The most severe result (cdn->web, first by id among equals) is not the one the Lattice advice applies to.
    expect(rule.fullDescription.text).toMatch(/Closed by: mtls, signed-requests, least-privilege\.$/);
    expect(rule.help.text).toContain('ACM Private CA: mutual TLS (mtls)');
    expect(rule.help.text).toContain('Amazon CloudFront: origin access control (signed-requests)');
    expect(rule.help.text).toContain(': auth policies (least-privilege)');
    const fix = (id: string) => log.runs[0].results.find((r: { properties: { threatId: string } }) => r.properties.threatId === id).message.text;
    expect(fix('spoofing.acme-unauthenticated-to-web-tier@web->api')).toMatch(/Fix: Issue web a client certificate and make api require it\.$/);
  });

  it('is byte-identical across runs', () => {
    expect(sarifOf('fixtures/valid/eks-microservices.yaml').text).toBe(sarifOf('fixtures/valid/eks-microservices.yaml').text);
  });

  it('gives absolute model paths as file URIs and relative ones against %SRCROOT%', () => {
    expect(artifactLocation('./models/a b.yaml')).toEqual({ uri: 'models/a%20b.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/srv/models/x.yaml')).toEqual({ uri: 'file:///srv/models/x.yaml' });
    expect(artifactLocation('C:\\models\\x.yaml')).toEqual({ uri: 'file:///C:/models/x.yaml' });
  });
});
