/** The pure parts of live verification: policy documents, CSV, the credential report, masking, WAF rules. */
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../src/aws/csv.js';
import { parseCredentialReport } from '../src/aws/credential-report.js';
import { staleAccessKeys } from '../src/aws/iam/access-keys.js';
import { principalGrants } from '../src/aws/iam/authorization-details.js';
import { consoleUsersWithoutMfa } from '../src/aws/iam/console-users.js';
import { passwordPolicyWeaknesses } from '../src/aws/iam/password-policy.js';
import { isRootVirtualDevice } from '../src/aws/iam/root-mfa-device.js';
import { maskValue } from '../src/aws/mask.js';
import { decodePolicyDocument, wildcardUses } from '../src/aws/policy-document.js';
import { missingBlocks, readAclRules } from '../src/aws/wafv2/rules.js';
import { webAclLocation } from '../src/aws/wafv2/web-acl.js';
import { isSdkNodeVersionWarning } from '../src/aws/sdk-warning.js';
import { CREDENTIAL_REPORT, WEB_ACL } from './helpers/aws-orders-scenario.js';

describe('policy documents', () => {
  const enc = (d: unknown) => encodeURIComponent(JSON.stringify(d));
  test('URL-encoded documents are decoded; Statement and Action may be one value or a list', () => {
    expect(decodePolicyDocument(enc({ Statement: [] }))).toEqual({ Statement: [] });
    expect(wildcardUses('p', enc({ Statement: { Effect: 'Allow', Action: '*', Resource: '*' } }))).toEqual([{ policy: 'p', statement: '#1', kind: 'full-admin', detail: 'Action "*" on Resource "*"' }]);
    expect(wildcardUses('p', enc({ Statement: [{ Sid: 'A', Effect: 'Allow', Action: ['s3:GetObject', 'ec2:*'], Resource: ['arn:aws:s3:::b/*'] }] }))[0]).toMatchObject({ statement: 'A', kind: 'service-wildcard' });
  });
  test('NotAction and NotResource under Allow are broad; Deny never is', () => {
    const kinds = (st: unknown) => wildcardUses('p', { Statement: st }).map((u) => u.kind);
    expect(kinds({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })).toEqual(['not-action']);
    expect(kinds({ Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::secret/*' })).toEqual(['wildcard-resource']);
    expect(kinds({ Effect: 'Deny', Action: '*', Resource: '*' })).toEqual([]);
    expect(kinds({ Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::b/*' })).toEqual(['wildcard-action']);
    expect(kinds({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' })).toEqual([]);
  });
  test('a replayed policy of 200,000 broad statements: every grant listed, no stack overflow from a spread call', () => {
    const document = { Statement: Array.from({ length: 200_000 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: '*', Resource: '*' })) };
    const principal = { type: 'role' as const, name: 'r', arn: 'arn:aws:iam::1:role/r', path: '/', inline: [{ name: 'big', document }], attached: [{ name: 'mine', arn: 'arn:aws:iam::1:policy/mine' }] };
    const { uses } = principalGrants(principal, { principals: [principal], managed: new Map([['arn:aws:iam::1:policy/mine', { name: 'mine', document }]]) });
    expect(uses).toHaveLength(400_000);
    expect(uses[399_999]).toEqual({ policy: 'mine', statement: 'S199999', kind: 'full-admin', detail: 'Action "*" on Resource "*"' });
  });
  test('a raw % in a condition does not break decoding', () => {
    expect(decodePolicyDocument('{"Statement":[],"x":"100%"}')).toEqual({ Statement: [], x: '100%' });
  });
});

describe('CSV and the credential report', () => {
  test('quoted fields, doubled quotes, commas and newlines inside quotes, CRLF', () => {
    expect(parseCsv('a,b\r\n"x,1","say ""hi""\nthere"\r\n')).toEqual([['a', 'b'], ['x,1', 'say "hi"\nthere']]);
  });
  const rows = parseCredentialReport(CREDENTIAL_REPORT);
  test('rows, the root row, console users without MFA', () => {
    expect(rows.map((r) => r.user)).toEqual(['<root_account>', 'alice', 'bob', 'ci-deploy']);
    expect(rows[0]!.isRoot).toBe(true);
    expect(consoleUsersWithoutMfa(rows)).toEqual(['bob']);
  });
  test('stale keys: older than 90 days, or unused for 45 days or more', () => {
    const stale = staleAccessKeys(rows, new Date('2026-12-01T00:00:00Z'));
    expect(stale.map((k) => k.user)).toEqual(['ci-deploy']);
    expect(staleAccessKeys(rows, new Date('2027-01-20T00:00:00Z')).map((k) => k.user)).toEqual(['alice', 'ci-deploy']);
  });
  test('a report without its columns is refused', () => {
    expect(() => parseCredentialReport('name,x\nbob,1')).toThrow(/no column user/);
  });
});

test('password policy strength', () => {
  expect(passwordPolicyWeaknesses(undefined)).toEqual(['no password policy is set']);
  expect(passwordPolicyWeaknesses({ MinimumPasswordLength: 14, PasswordReusePrevention: 24, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, RequireNumbers: true, RequireSymbols: true })).toEqual([]);
  expect(passwordPolicyWeaknesses({ MinimumPasswordLength: 14, PasswordReusePrevention: 5, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, RequireNumbers: true })).toEqual(['reuse prevention 5 < 24', 'symbols not required']);
});

test('root virtual MFA device: by serial or by user ARN', () => {
  expect(isRootVirtualDevice({ SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device' })).toBe(true);
  expect(isRootVirtualDevice({ SerialNumber: 'arn:aws:iam::123456789012:mfa/phone', User: { Arn: 'arn:aws:iam::123456789012:root' } })).toBe(true);
  expect(isRootVirtualDevice({ SerialNumber: 'arn:aws:iam::123456789012:mfa/alice', User: { Arn: 'arn:aws:iam::123456789012:user/alice' } })).toBe(false);
});

test('WAF rules: a managed group under OverrideAction Count does not block', () => {
  const rules = readAclRules(WEB_ACL);
  expect(rules.blocking).toEqual(['AWSManagedRulesCommonRuleSet']);
  expect(rules.countOnly).toEqual(['AWSManagedRulesSQLiRuleSet']);
  expect(rules.rateRules).toEqual([{ name: 'per-ip', limit: 2000 }]);
  expect(missingBlocks(rules)).toEqual([
    { name: 'AWSManagedRulesSQLiRuleSet', state: 'count-only' },
    { name: 'AWSManagedRulesKnownBadInputsRuleSet', state: 'absent' },
  ]);
  expect(webAclLocation('arn:aws:wafv2:us-east-1:123456789012:global/webacl/cf/abc')).toEqual({ scope: 'CLOUDFRONT', region: 'us-east-1' });
  expect(webAclLocation('arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/x/abc')).toEqual({ scope: 'REGIONAL', region: 'eu-west-1' });
});

test('masking: access key ids, secret fields, token-like values; markers through the callback', () => {
  const masked = maskValue({
    AccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    note: 'key ASIAY34FZKBOKMUTVV7A was used',
    SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    SessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE',
    LockToken: 'abc',
    jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc',
    raw: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    MinimumPasswordLength: 14,
    Marker: 'opaque',
  }, () => 'marker-1');
  expect(masked).toEqual({ AccessKeyId: 'AKIA****MPLE', note: 'key ASIA****VV7A was used', jwt: '****', raw: '****', MinimumPasswordLength: 14, Marker: 'marker-1' });
});

test('only the SDK Node version notice is filtered', () => {
  expect(isSdkNodeVersionWarning('NodeVersionSupportWarning: The AWS SDK for JavaScript (v3) ...')).toBe(true);
  expect(isSdkNodeVersionWarning('Some other warning', 'DeprecationWarning')).toBe(false);
});

test('the minimal policy lists exactly the operations the checks call, and every live rule is in rules/live.yaml', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const policy = JSON.parse(readFileSync(new URL('../policy/ztm-verify-policy.json', import.meta.url), 'utf8'));
  const allowed = policy.Statement.flatMap((s: { Action: string[] }) => s.Action).sort();
  const called = new Set<string>();
  const walk = (dir: URL): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(new URL(`${e.name}/`, dir));
      else for (const m of readFileSync(new URL(e.name, dir), 'utf8').matchAll(/service: '(iam|wafv2)'[^}]*operation: '(\w+)'|iamPages\(ctx, log, '(\w+)'|wafPages\(ctx, log, [^,]+, '(\w+)'/g)) {
        called.add(m[1] ? `${m[1]}:${m[2]}` : m[3] ? `iam:${m[3]}` : `wafv2:${m[4]}`);
      }
    }
  };
  walk(new URL('../src/aws/', import.meta.url));
  called.add('iam:GetCredentialReport'); // the credential report's two calls share one request object
  called.add('iam:GenerateCredentialReport');
  expect([...called].sort()).toEqual(allowed);
  const { LIVE_RULES } = await import('../src/aws/live-rules.js');
  const yaml = readFileSync(new URL('../rules/live.yaml', import.meta.url), 'utf8');
  const ids = [...yaml.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]).sort();
  expect(ids).toEqual(Object.keys(LIVE_RULES).sort());
});
