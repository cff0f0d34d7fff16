/**
 * The built-in rule catalog (rules/*.yaml): it loads, covers the mission, and
 * every rule fires where it applies and stays quiet on a near miss
 * (fixtures/rules/<group>/*.yaml). Runs against the build in dist/.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../dist/analysis/engine.js';
import { loadModel } from '../dist/model/load.js';
import { loadRules } from '../dist/rules/load.js';

const ROOT = fileURLToPath(new URL('../fixtures/rules/', import.meta.url));
const rules = loadRules();
const modelRules = rules.filter((r) => r.def.trigger === 'model' && r.builtIn);

interface Threat {
  readonly rule: string;
  readonly element: string;
  readonly status: string;
}

const cache = new Map<string, readonly Threat[]>();
function threatsOf(file: string): readonly Threat[] {
  const hit = cache.get(file);
  if (hit) return hit;
  const { graph, warnings } = loadModel(ROOT + file, { today: '2026-12-01' });
  const threats = analyze(graph, rules, { today: '2026-12-01', warnings }).threats as readonly Threat[];
  cache.set(file, threats);
  return threats;
}

/** rule → [model where it fires, element it fires on, near-miss model where it must not fire]. */
const CASES: Record<string, readonly [fires: string, element: string, quiet: string]> = {
  'spoofing.unauthenticated-internal-flow': ['web/exposed.yaml', 'alb->api', 'web/private.yaml'],
  'spoofing.unauthenticated-internet-caller': ['exposure/fires.yaml', 'partner->hooks', 'exposure/quiet.yaml'],
  'spoofing.app-users-without-cognito': ['web/exposed.yaml', 'customer->alb', 'identity/fires.yaml'],
  'spoofing.cognito-without-mfa': ['identity/fires.yaml', 'pool', 'identity/federated.yaml'],
  'spoofing.cognito-without-threat-protection': ['identity/fires.yaml', 'pool', 'identity/federated.yaml'],
  'spoofing.bots-impersonate-users': ['web/exposed.yaml', 'alb', 'exposure/quiet.yaml'],
  'spoofing.privileged-human-without-mfa': ['identity/fires.yaml', 'admin', 'web/exposed.yaml'],
  'spoofing.privileged-human-long-lived-credentials': ['identity/fires.yaml', 'admin->console', 'identity/federated.yaml'],
  'spoofing.console-sign-in-without-federation': ['identity/fires.yaml', 'dev->console', 'identity/federated.yaml'],
  'spoofing.iam-users-without-mfa': ['account/bare.yaml', 'account', 'account/hardened.yaml'],
  'spoofing.workforce-not-federated': ['account/bare.yaml', 'account', 'account/hardened.yaml'],
  'spoofing.root-without-mfa': ['account/bare.yaml', 'account', 'account/hardened.yaml'],
  'spoofing.root-without-hardware-mfa': ['account/weak-trail.yaml', 'account', 'account/bare.yaml'],
  'spoofing.root-access-keys': ['account/bare.yaml', 'account', 'account/hardened.yaml'],
  'spoofing.workload-access-keys': ['workload/fires.yaml', 'worker', 'workload/quiet.yaml'],
  'spoofing.static-secret-to-aws-service': ['workload/fires.yaml', 'worker->queue', 'web/exposed.yaml'],
  'spoofing.database-password-auth': ['web/exposed.yaml', 'api->db', 'web/private.yaml'],

  'tampering.plaintext-flow': ['web/exposed.yaml', 'alb->api', 'exposure/quiet.yaml'],
  'tampering.web-entry-without-waf': ['web/exposed.yaml', 'alb', 'web/private.yaml'],
  'tampering.unvalidated-request-input': ['web/exposed.yaml', 'api', 'web/private.yaml'],
  'tampering.cloudtrail-log-file-validation-off': ['account/weak-trail.yaml', 'account', 'account/hardened.yaml'],
  'tampering.audit-log-bucket-mutable': ['exposure/fires.yaml', 'trail-bucket', 'exposure/quiet.yaml'],
  'tampering.dns-without-dnssec': ['exposure/fires.yaml', 'dns', 'exposure/quiet.yaml'],

  'repudiation.cloudtrail-disabled': ['account/bare.yaml', 'account', 'account/weak-trail.yaml'],
  'repudiation.cloudtrail-single-region': ['account/weak-trail.yaml', 'account', 'account/hardened.yaml'],
  'repudiation.read-events-not-recorded': ['account/weak-trail.yaml', 'account', 'account/hardened.yaml'],
  'repudiation.cloudtrail-without-cloudwatch-logs': ['account/weak-trail.yaml', 'account', 'account/hardened.yaml'],
  'repudiation.s3-data-events-not-recorded': ['workload/fires.yaml', 'bucket', 'workload/quiet.yaml'],
  'repudiation.sensitive-store-without-audit-trail': ['web/exposed.yaml', 'db', 'web/private.yaml'],
  'repudiation.process-without-audit-log': ['web/exposed.yaml', 'api', 'web/private.yaml'],
  'repudiation.privileged-human-actions-untraced': ['identity/fires.yaml', 'admin', 'web/exposed.yaml'],
  'repudiation.web-entry-without-access-logs': ['web/exposed.yaml', 'alb', 'web/private.yaml'],
  'repudiation.guardduty-disabled': ['account/bare.yaml', 'account', 'account/hardened.yaml'],
  'repudiation.config-disabled': ['account/bare.yaml', 'account', 'account/hardened.yaml'],
  'repudiation.security-hub-disabled': ['account/bare.yaml', 'account', 'account/hardened.yaml'],
  'repudiation.vpc-flow-logs-disabled': ['account/bare.yaml', 'account', 'account/weak-trail.yaml'],

  'information-disclosure.attack-path-to-sensitive-data': ['web/exposed.yaml', 'db', 'web/private.yaml'],
  'information-disclosure.exposed-data-store': ['exposure/fires.yaml', 'db', 'exposure/quiet.yaml'],
  'information-disclosure.data-store-in-public-subnet': ['exposure/fires.yaml', 'db', 'exposure/quiet.yaml'],
  'information-disclosure.sensitive-store-without-kms': ['web/exposed.yaml', 'db', 'web/private.yaml'],
  'information-disclosure.s3-without-block-public-access': ['workload/fires.yaml', 'bucket', 'workload/quiet.yaml'],
  'information-disclosure.s3-allows-plaintext-requests': ['workload/fires.yaml', 'bucket', 'workload/quiet.yaml'],
  'information-disclosure.plaintext-inside-vpc': ['web/exposed.yaml', 'alb->api', 'exposure/quiet.yaml'],
  'information-disclosure.plaintext-flow': ['exposure/fires.yaml', 'partner->hooks', 'web/exposed.yaml'],
  'information-disclosure.aws-traffic-without-vpc-endpoint': ['workload/fires.yaml', 'worker->bucket', 'workload/quiet.yaml'],
  'information-disclosure.cloudtrail-logs-without-kms': ['account/weak-trail.yaml', 'account', 'account/hardened.yaml'],
  'information-disclosure.access-analyzer-missing': ['account/bare.yaml', 'account', 'account/hardened.yaml'],

  'denial-of-service.web-entry-without-rate-limit': ['web/exposed.yaml', 'alb', 'web/private.yaml'],
  'denial-of-service.exposed-entry-without-shield-advanced': ['web/exposed.yaml', 'alb', 'web/private.yaml'],
  'denial-of-service.sqs-without-dead-letter-queue': ['workload/fires.yaml', 'queue', 'workload/quiet.yaml'],
  'denial-of-service.database-without-multi-az': ['web/exposed.yaml', 'db', 'web/private.yaml'],
  'denial-of-service.store-without-backups': ['web/exposed.yaml', 'db', 'web/private.yaml'],

  'elevation-of-privilege.wildcard-permissions': ['workload/fires.yaml', 'worker', 'workload/quiet.yaml'],
  'elevation-of-privilege.privileged-workload-without-boundary': ['workload/fires.yaml', 'worker', 'workload/quiet.yaml'],
  'elevation-of-privilege.instance-metadata-v1': ['workload/fires.yaml', 'worker', 'workload/quiet.yaml'],
  'elevation-of-privilege.workload-role-not-least-privilege': ['web/exposed.yaml', 'api', 'web/private.yaml'],
  'elevation-of-privilege.no-permission-guardrails': ['account/bare.yaml', 'account', 'account/hardened.yaml'],
};

/** Declared controls close these threats: in web/hardened.yaml they show as mitigated, not absent. */
const MITIGATED: readonly [rule: string, element: string][] = [
  ['spoofing.app-users-without-cognito', 'customer->alb'],
  ['spoofing.bots-impersonate-users', 'alb'],
  ['spoofing.unauthenticated-internal-flow', 'alb->api'],
  ['spoofing.database-password-auth', 'api->db'],
  ['tampering.web-entry-without-waf', 'alb'],
  ['tampering.plaintext-flow', 'alb->api'],
  ['tampering.unvalidated-request-input', 'api'],
  ['information-disclosure.plaintext-inside-vpc', 'alb->api'],
  ['information-disclosure.sensitive-store-without-kms', 'db'],
  ['repudiation.web-entry-without-access-logs', 'alb'],
  ['repudiation.process-without-audit-log', 'api'],
  ['repudiation.sensitive-store-without-audit-trail', 'db'],
  ['denial-of-service.web-entry-without-rate-limit', 'alb'],
  ['denial-of-service.exposed-entry-without-shield-advanced', 'alb'],
  ['denial-of-service.database-without-multi-az', 'db'],
  ['denial-of-service.store-without-backups', 'db'],
  ['elevation-of-privilege.workload-role-not-least-privilege', 'api'],
];

describe('rule catalog', () => {
  it('loads, with unique ids and at least 40 model rules over all six categories', () => {
    const ids = modelRules.map((r) => r.def.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(modelRules.length).toBeGreaterThanOrEqual(40);
    expect(new Set(modelRules.map((r) => r.def.category))).toEqual(
      new Set(['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege']),
    );
  });

  it('keeps each category in its own file', () => {
    for (const r of modelRules) expect(r.file.endsWith(`${r.def.category}.yaml`), r.def.id).toBe(true);
  });

  it('gives every rule a reference and a recommendation', () => {
    for (const { def } of modelRules) {
      const refs = def.references;
      const count = refs.security_hub.length + refs.cis.length + refs.well_architected.length + refs.attack.length + refs.docs.length;
      expect(count, def.id).toBeGreaterThan(0);
      expect(def.recommend.length, def.id).toBeGreaterThan(0);
    }
  });

  it('recommends every control the zero-trust mission names', () => {
    const recommended = new Set(modelRules.flatMap((r) => r.def.recommend.map((x) => x.control)));
    for (const c of ['mfa', 'identity-center', 'cognito', 'waf', 'shield-advanced', 'kms', 'cloudtrail', 'tls', 'vpc-endpoint', 'guardduty', 'least-privilege']) {
      expect(recommended.has(c), c).toBe(true);
    }
  });

  it('has a fire and a quiet case for every built-in model rule', () => {
    expect(Object.keys(CASES).sort()).toEqual(modelRules.map((r) => r.def.id).sort());
  });
});

describe.each(Object.entries(CASES))('%s', (rule, [fires, element, quiet]) => {
  it(`fires on ${element} in ${fires}`, () => {
    expect(threatsOf(fires).filter((t) => t.rule === rule).map((t) => t.element)).toContain(element);
  });
  it(`stays quiet in ${quiet}`, () => {
    expect(threatsOf(quiet).filter((t) => t.rule === rule).map((t) => t.element)).toEqual([]);
  });
});

describe('declared controls mitigate (web/hardened.yaml)', () => {
  it.each(MITIGATED)('%s on %s is mitigated', (rule, element) => {
    const t = threatsOf('web/hardened.yaml').find((x) => x.rule === rule && x.element === element);
    expect(t?.status).toBe('mitigated');
  });
  it('the same threats are open without the controls (web/exposed.yaml)', () => {
    for (const [rule, element] of MITIGATED) {
      expect(threatsOf('web/exposed.yaml').find((x) => x.rule === rule && x.element === element)?.status, rule).toBe('open');
    }
  });
});
