/**
 * The AWS account behind fixtures/valid/orders-platform.yaml, as the local test
 * server answers it (wire shapes). What it holds, and so what `ztm verify` must find:
 * - root: MFA on, no access keys (root_mfa and root_access_keys verified);
 * - password policy: 8 characters, no reuse prevention (weak; console users exist);
 * - credential report: bob signs in with a password and no MFA; ci-deploy has a key
 *   unused for months; alice is fine;
 * - group admins has AdministratorAccess; role orders-api has an inline `s3:*` on "*"
 *   and a customer managed policy with `dynamodb:Get*`;
 * - web (ALB) has web ACL orders-acl: Common blocks, SQLi only counts, a rate rule
 *   blocks, logging is off.
 * Authorization details come in three pages (IsTruncated/Marker).
 */
import type { Answer, Handler } from './aws-server.js';
import { XmlMap } from './aws-server.js';

export const ACCOUNT = '123456789012';
export const WEB_ARN = 'arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/orders/50dc6c495c0c9188';
export const ACL_ARN = 'arn:aws:wafv2:ap-northeast-1:123456789012:regional/webacl/orders-acl/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

const doc = (statement: unknown) => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statement }));

export const CREDENTIAL_REPORT = [
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated',
  `<root_account>,arn:aws:iam::${ACCOUNT}:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-01T00:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `alice,arn:aws:iam::${ACCOUNT}:user/alice,2024-01-01T00:00:00+00:00,true,2026-11-30T00:00:00+00:00,2026-10-01T00:00:00+00:00,N/A,true,true,2026-10-15T00:00:00+00:00,2026-11-30T00:00:00+00:00,ap-northeast-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `bob,arn:aws:iam::${ACCOUNT}:user/bob,2024-02-01T00:00:00+00:00,true,2026-11-29T00:00:00+00:00,2025-02-01T00:00:00+00:00,N/A,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
  `"ci-deploy",arn:aws:iam::${ACCOUNT}:user/ci/ci-deploy,2023-05-01T00:00:00+00:00,false,N/A,N/A,N/A,false,true,2023-05-01T00:00:00+00:00,2026-06-01T00:00:00+00:00,ap-northeast-1,ecr,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
].join('\n');

const AUTH_PAGES: Record<string, unknown>[] = [
  {
    UserDetailList: [
      { UserName: 'alice', Arn: `arn:aws:iam::${ACCOUNT}:user/alice`, Path: '/', UserId: 'AIDAEXAMPLEALICE00001', GroupList: ['admins'], UserPolicyList: [], AttachedManagedPolicies: [] },
      { UserName: 'bob', Arn: `arn:aws:iam::${ACCOUNT}:user/bob`, Path: '/', UserId: 'AIDAEXAMPLEBOB0000001', GroupList: [], UserPolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] },
    ],
    GroupDetailList: [
      { GroupName: 'admins', Arn: `arn:aws:iam::${ACCOUNT}:group/admins`, Path: '/', GroupId: 'AGPAEXAMPLEADMINS0001', GroupPolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] },
    ],
    IsTruncated: true,
    Marker: 'bWFya2VyLXBhZ2UtMg==opaque',
  },
  {
    RoleDetailList: [
      {
        RoleName: 'orders-api', Arn: `arn:aws:iam::${ACCOUNT}:role/orders-api`, Path: '/', RoleId: 'AROAEXAMPLEORDERSAPI1',
        AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        RolePolicyList: [{ PolicyName: 'orders-data', PolicyDocument: doc([{ Sid: 'Bucket', Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: ['kms:Decrypt'], Resource: `arn:aws:kms:ap-northeast-1:${ACCOUNT}:key/1234` }]) }],
        AttachedManagedPolicies: [{ PolicyName: 'orders-table', PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/orders-table` }],
      },
      {
        RoleName: 'AWSServiceRoleForECS', Arn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`, Path: '/aws-service-role/ecs.amazonaws.com/', RoleId: 'AROAEXAMPLESLR0000001',
        RolePolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'AmazonECSServiceRolePolicy', PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AmazonECSServiceRolePolicy' }],
      },
    ],
    IsTruncated: true,
    Marker: 'bWFya2VyLXBhZ2UtMw==opaque',
  },
  {
    Policies: [
      {
        PolicyName: 'orders-table', Arn: `arn:aws:iam::${ACCOUNT}:policy/orders-table`, DefaultVersionId: 'v2',
        PolicyVersionList: [
          { VersionId: 'v2', IsDefaultVersion: true, Document: doc({ Effect: 'Allow', Action: ['dynamodb:Get*', 'dynamodb:PutItem'], Resource: `arn:aws:dynamodb:ap-northeast-1:${ACCOUNT}:table/orders` }) },
          { VersionId: 'v1', IsDefaultVersion: false, Document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) },
        ],
      },
    ],
    IsTruncated: false,
  },
];

export const WEB_ACL = {
  Name: 'orders-acl', Id: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', ARN: ACL_ARN, DefaultAction: { Allow: {} },
  VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'orders-acl' },
  Rules: [
    { Name: 'common', Priority: 0, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } }, OverrideAction: { None: {} }, VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'common' } },
    { Name: 'sqli', Priority: 1, Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesSQLiRuleSet' } }, OverrideAction: { Count: {} }, VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'sqli' } },
    { Name: 'per-ip', Priority: 2, Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } }, Action: { Block: {} }, VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: 'per-ip' } },
  ],
  LockToken: 'c8a1e5f2-0000-4000-8000-EXAMPLELOCK1',
};

/** The account's answers; `overrides` replaces an operation's answer (faults). */
export function ordersAccount(overrides: Record<string, Answer | ((params: Record<string, unknown>) => Answer)> = {}): Handler {
  let reportPolls = 0;
  return ({ operation, params }) => {
    const o = overrides[operation];
    if (o) return typeof o === 'function' ? o(params) : o;
    switch (operation) {
      case 'GetAccountSummary':
        return { result: { SummaryMap: new XmlMap({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 3, Roles: 2 }) } };
      case 'GetAccountPasswordPolicy':
        return { result: { PasswordPolicy: { MinimumPasswordLength: 8, RequireSymbols: false, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false } } };
      case 'GenerateCredentialReport':
        return { result: { State: ++reportPolls >= 2 ? 'COMPLETE' : 'STARTED', Description: 'report' } };
      case 'GetCredentialReport':
        return { result: { Content: Buffer.from(CREDENTIAL_REPORT).toString('base64'), ReportFormat: 'text/csv', GeneratedTime: '2026-12-01T09:00:00Z' } };
      case 'GetAccountAuthorizationDetails': {
        if (params.Marker === undefined) return { result: AUTH_PAGES[0]! };
        const previous = AUTH_PAGES.findIndex((p) => p.Marker === params.Marker);
        return previous >= 0 ? { result: AUTH_PAGES[previous + 1]! } : { error: { code: 'InvalidInput', message: 'bad marker' } };
      }
      case 'GetWebACLForResource':
        return params.ResourceArn === WEB_ARN
          ? { result: { WebACL: WEB_ACL } }
          : { result: {} };
      case 'GetWebACL':
        return params.Id === WEB_ACL.Id ? { result: { WebACL: WEB_ACL, LockToken: WEB_ACL.LockToken, ApplicationIntegrationURL: 'https://example.invalid/' } } : { error: { code: 'WAFNonexistentItemException' } };
      case 'GetLoggingConfiguration':
        return { error: { code: 'WAFNonexistentItemException', message: 'AWS WAF couldn’t perform the operation because your resource doesn’t exist.' } };
      default:
        return undefined;
    }
  };
}
