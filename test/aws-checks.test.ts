/** Check logic through the live gateway, with the SDK clients mocked (aws-sdk-client-mock). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GenerateCredentialReportCommand, GetAccountAuthorizationDetailsCommand, GetAccountPasswordPolicyCommand, GetAccountSummaryCommand,
  GetCredentialReportCommand, IAMClient, ListVirtualMFADevicesCommand, NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { GetLoggingConfigurationCommand, GetWebACLCommand, GetWebACLForResourceCommand, WAFV2Client } from '@aws-sdk/client-wafv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runVerification } from '../src/aws/index.js';
import { verifyVerdict } from '../src/aws/gate.js';
import { loadModel } from '../src/model/load.js';
import { CREDENTIAL_REPORT, WEB_ACL } from './helpers/aws-orders-scenario.js';

const iam = mockClient(IAMClient);
const waf = mockClient(WAFV2Client);
const enc = (statement: unknown) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statement }));
const ALB = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop/1';

function model(yaml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ztm-checks-'));
  const file = join(dir, 'm.yaml');
  writeFileSync(file, `ztm: 1\nname: t\n${yaml}`);
  return loadModel(file).graph;
}
const run = (yaml: string) => runVerification(model(yaml), { region: 'eu-west-1', reportPoll: { attempts: 2, delayMs: 0 } });
const check = (r: Awaited<ReturnType<typeof run>>, element: string, control: string) => r.checks.find((c) => c.element === element && c.control === control);

beforeEach(() => {
  iam.reset();
  waf.reset();
  iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } });
  iam.on(GetAccountPasswordPolicyCommand).rejects(new NoSuchEntityException({ message: 'no policy', $metadata: {} }));
  iam.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iam.on(GetCredentialReportCommand).resolves({ Content: new TextEncoder().encode(CREDENTIAL_REPORT), GeneratedTime: new Date('2026-12-01T00:00:00Z') });
  iam.on(GetAccountAuthorizationDetailsCommand).resolves({
    IsTruncated: false,
    RoleDetailList: [
      { RoleName: 'tight', Arn: 'arn:aws:iam::123456789012:role/app/tight', Path: '/app/', RolePolicyList: [{ PolicyName: 'p', PolicyDocument: enc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) }], AttachedManagedPolicies: [] },
      { RoleName: 'loose', Arn: 'arn:aws:iam::123456789012:role/loose', Path: '/', RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'PowerUserAccess', PolicyArn: 'arn:aws:iam::aws:policy/PowerUserAccess' }] },
      { RoleName: 'opaque', Arn: 'arn:aws:iam::123456789012:role/opaque', Path: '/', RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }] },
    ],
  });
});
afterEach(() => {
  iam.reset();
  waf.reset();
});

describe('account checks', () => {
  test('root hardware MFA: a virtual device assigned to root contradicts it', async () => {
    iam.on(ListVirtualMFADevicesCommand, { AssignmentStatus: 'Assigned' }).resolves({ VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device' }], IsTruncated: false });
    const r = await run('account: { root_mfa: true, root_hardware_mfa: true }\ncomponents: {}\n');
    expect(check(r, 'account', 'root_mfa')!.status).toBe('verified');
    expect(check(r, 'account', 'root_hardware_mfa')).toMatchObject({ status: 'contradicted', evidence: ['iam:GetAccountSummary', 'iam:ListVirtualMFADevices'] });
  });

  test('root hardware MFA verified when no virtual device is the root\'s', async () => {
    iam.on(ListVirtualMFADevicesCommand).resolves({ VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::123456789012:mfa/alice', User: { Arn: 'arn:aws:iam::123456789012:user/alice', UserName: 'alice', UserId: 'x', Path: '/', CreateDate: new Date() } }] });
    const r = await run('account: { root_mfa: true, root_hardware_mfa: true }\ncomponents: {}\n');
    expect(check(r, 'account', 'root_hardware_mfa')!.status).toBe('verified');
  });

  test('declared password policy with none set is contradicted; root keys present contradicts root_access_keys', async () => {
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 } });
    const r = await run('account: { root_mfa: true, password_policy: true }\ncomponents: {}\n');
    expect(check(r, 'account', 'password_policy')).toMatchObject({ status: 'contradicted', reason: 'the password policy is weak: no password policy is set' });
    expect(check(r, 'account', 'root_mfa')!.status).toBe('contradicted');
    expect(check(r, 'account', 'root_access_keys')!.status).toBe('contradicted');
    expect(verifyVerdict(r, 'none', false, () => 'medium').outcome).toBe('failed');
  });

  test('a user component named like an IAM user: its mfa comes from the credential report', async () => {
    const r = await run('components:\n  bob: { kind: user, controls: [mfa] }\n  alice: { kind: user, controls: [mfa] }\n  carol: { kind: user, controls: [mfa] }\n');
    expect(check(r, 'bob', 'mfa')!.status).toBe('contradicted');
    expect(check(r, 'alice', 'mfa')!.status).toBe('verified');
    expect(check(r, 'carol', 'mfa')).toBeUndefined();
    expect(r.notChecked).toContainEqual({ element: 'carol', control: 'mfa', reason: 'no IAM user with this name in the credential report' });
  });
});

describe('component checks', () => {
  test('least-privilege: verified, contradicted (PowerUserAccess is NotAction), unread AWS managed policies, unknown role', async () => {
    const r = await run([
      'components:',
      '  a: { kind: lambda, iam_role: "arn:aws:iam::123456789012:role/app/tight", controls: [least-privilege] }',
      '  b: { kind: lambda, iam_role: loose, controls: [least-privilege] }',
      '  c: { kind: lambda, iam_role: opaque, controls: [least-privilege] }',
      '  d: { kind: lambda, iam_role: ghost, controls: [least-privilege] }',
      '  e: { kind: lambda, iam_role: loose, wildcard_permissions: true }',
      '',
    ].join('\n'));
    expect(check(r, 'a', 'least-privilege')!.status).toBe('verified');
    expect(check(r, 'b', 'least-privilege')!.status).toBe('contradicted');
    expect(check(r, 'c', 'least-privilege')!.reason).toMatch(/AmazonS3ReadOnlyAccess were not analysed/);
    expect(check(r, 'd', 'least-privilege')!.reason).toMatch(/role ghost is not in the account/);
    const roleFindings = r.findings.filter((f) => f.rule === 'elevation-of-privilege.live-wildcard-role-policy').map((f) => f.element);
    expect(roleFindings).toEqual(['b']); // e says wildcard_permissions itself
  });

  test('waf and rate-limit on an ALB: association, count-only groups, rate rule, logging on', async () => {
    waf.on(GetWebACLForResourceCommand, { ResourceArn: ALB }).resolves({ WebACL: { ...WEB_ACL, ARN: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/orders-acl/x' } as never });
    waf.on(GetWebACLCommand).resolves({ WebACL: WEB_ACL as never, LockToken: 't' });
    waf.on(GetLoggingConfigurationCommand).resolves({ LoggingConfiguration: { ResourceArn: 'x', LogDestinationConfigs: ['arn:aws:firehose:eu-west-1:123456789012:deliverystream/aws-waf-logs-x'] } });
    const r = await run(`components:\n  web: { kind: alb, arn: "${ALB}", controls: [waf, rate-limit] }\n`);
    expect(check(r, 'web', 'waf')!.status).toBe('verified');
    expect(check(r, 'web', 'rate-limit')!.reason).toMatch(/per-ip \(limit 2000\)/);
    expect(r.findings.map((f) => f.rule).filter((x) => x.includes('waf'))).toEqual(['tampering.live-waf-not-blocking']);
    const scope = waf.commandCalls(GetWebACLCommand)[0]!.args[0].input;
    expect(scope).toMatchObject({ Scope: 'REGIONAL', Name: 'orders-acl' });
  });

  test('an ALB with no web ACL contradicts waf and rate-limit', async () => {
    waf.on(GetWebACLForResourceCommand).resolves({});
    const r = await run(`components:\n  web: { kind: alb, arn: "${ALB}", controls: [waf, rate-limit] }\n`);
    expect(check(r, 'web', 'waf')!.status).toBe('contradicted');
    expect(check(r, 'web', 'rate-limit')!.status).toBe('contradicted');
  });

  test('credential report not ready after the bounded polls: unverifiable findings, no crash', async () => {
    iam.on(GenerateCredentialReportCommand).resolves({ State: 'INPROGRESS' });
    const r = await run('components: {}\n');
    expect(r.problems.join('\n')).toMatch(/still INPROGRESS after 2 polls/);
    expect(verifyVerdict(r, 'none', true, () => 'medium').outcome).toBe('unverified');
  });
});
