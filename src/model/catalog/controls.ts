/**
 * Controls a model can declare on a component or flow. Team-specific controls
 * use an `x-` prefix and are accepted without warnings.
 */

export interface ControlInfo {
  readonly service: string;
  readonly description: string;
}

export const CONTROLS = {
  mfa: { service: 'IAM', description: 'Multi-factor authentication is required for every sign-in of this identity (or, on an identity provider, for its users).' },
  'hardware-mfa': { service: 'IAM', description: 'A hardware MFA device (FIDO2 security key or hardware TOTP token) protects the identity.' },
  'identity-center': { service: 'IAM Identity Center', description: 'People sign in through IAM Identity Center with short-lived permission-set credentials; no IAM users.' },
  cognito: { service: 'Amazon Cognito', description: 'Application users are authenticated by a Cognito user pool (or a federated IdP through it).' },
  'cognito-threat-protection': { service: 'Amazon Cognito', description: 'Cognito threat protection (adaptive authentication, compromised-credential detection) in enforcement mode.' },
  waf: { service: 'AWS WAF', description: 'An AWS WAF web ACL is associated and blocks with AWS managed rule groups (Common, SQLi, Known bad inputs).' },
  'waf-bot-control': { service: 'AWS WAF', description: 'AWS WAF Bot Control managed rule group is enabled on the web ACL.' },
  'rate-limit': { service: 'AWS WAF / API Gateway', description: 'Rate-based WAF rules or API Gateway throttling limit requests per client.' },
  'shield-advanced': { service: 'AWS Shield', description: 'AWS Shield Advanced protects this resource (DDoS detection, SRT access, cost protection).' },
  tls: { service: 'ACM / ELB', description: 'Connections to this component use TLS 1.2+ with an ACM certificate and a recommended security policy; plaintext is refused or redirected.' },
  mtls: { service: 'ACM Private CA', description: 'Mutual TLS: clients present certificates that this component verifies.' },
  kms: { service: 'AWS KMS', description: 'Data at rest is encrypted with a customer managed KMS key whose key policy limits use.' },
  'key-rotation': { service: 'AWS KMS', description: 'Automatic rotation is enabled on the customer managed KMS keys used here.' },
  cloudtrail: { service: 'AWS CloudTrail', description: 'API activity on this resource, including data events where they exist, is recorded by CloudTrail.' },
  'access-logs': { service: 'Multiple', description: 'Request-level access logs are enabled (ALB/CloudFront/S3 server access/API Gateway access logs).' },
  'audit-logging': { service: 'Multiple', description: 'The component writes an application audit log of who did what, to a central, protected location.' },
  'object-lock': { service: 'Amazon S3', description: 'S3 Object Lock (compliance or governance mode) makes objects immutable for a retention period.' },
  'block-public-access': { service: 'Amazon S3', description: 'S3 Block Public Access is on for the bucket and the account.' },
  'mfa-delete': { service: 'Amazon S3', description: 'MFA delete is enabled on the versioned bucket.' },
  backups: { service: 'AWS Backup', description: 'Backups (AWS Backup or native snapshots) with a tested restore and a retention policy.' },
  versioning: { service: 'Amazon S3', description: 'S3 versioning keeps prior object versions.' },
  'input-validation': { service: 'Application', description: 'The component validates and encodes every input against an allow-list schema.' },
  'least-privilege': { service: 'IAM', description: 'The IAM role grants only the actions and resources it needs (no wildcards), reviewed with IAM Access Analyzer.' },
  'permission-boundary': { service: 'IAM', description: 'An IAM permissions boundary (or an SCP) caps what this role can ever be granted.' },
  'vpc-endpoint': { service: 'AWS PrivateLink', description: 'AWS service traffic goes through VPC endpoints with endpoint policies, not the internet.' },
  'security-groups': { service: 'Amazon VPC', description: 'Security groups allow only the specific peers and ports this component needs.' },
  'multi-az': { service: 'Multiple', description: 'Deployed across several Availability Zones with automatic failover.' },
  autoscaling: { service: 'Multiple', description: 'Capacity scales automatically with load (Auto Scaling, Lambda concurrency limits, on-demand capacity).' },
  guardduty: { service: 'Amazon GuardDuty', description: 'GuardDuty protection plans cover this resource (S3, EKS, RDS, Lambda, runtime monitoring).' },
  imdsv2: { service: 'Amazon EC2', description: 'Instance Metadata Service version 2 is required (IMDSv1 disabled, hop limit 1 for containers).' },
  'iam-auth': { service: 'Amazon RDS / ElastiCache', description: 'The database accepts IAM authentication tokens instead of static passwords.' },
  'secrets-rotation': { service: 'AWS Secrets Manager', description: 'Credentials live in Secrets Manager and rotate automatically.' },
  'signed-requests': { service: 'Amazon CloudFront', description: 'Origin access control or signed URLs/cookies: the origin accepts only requests signed for it.' },
  'dead-letter-queue': { service: 'Amazon SQS', description: 'Failed messages go to a dead-letter queue instead of being retried forever.' },
  'dnssec': { service: 'Amazon Route 53', description: 'DNSSEC signing is enabled on the hosted zone.' },
  'query-logging': { service: 'Amazon Route 53', description: 'DNS query logging is enabled.' },
  'deletion-protection': { service: 'Multiple', description: 'Deletion protection is enabled (RDS, Aurora, DynamoDB, KMS key deletion window alarms).' },
} as const satisfies Record<string, ControlInfo>;

export type ControlId = keyof typeof CONTROLS;
export const CONTROL_IDS = Object.keys(CONTROLS) as [ControlId, ...ControlId[]];
export const CUSTOM_CONTROL_PATTERN = /^x-[a-z0-9][a-z0-9-]*$/;

export function isKnownControl(id: string): id is ControlId {
  return Object.hasOwn(CONTROLS, id);
}
