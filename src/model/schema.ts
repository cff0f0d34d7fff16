/**
 * The architecture format, version 1, defined once. The TypeScript types, the
 * JSON Schema (`ztm schema`) and README's tables are all derived from here.
 */
import { z } from '../util/zod.js';
import { AUTH_METHOD_IDS } from './catalog/auth.js';
import { BOUNDARY_KIND_IDS } from './catalog/boundaries.js';
import { CONTROL_IDS, CUSTOM_CONTROL_PATTERN } from './catalog/controls.js';
import { COMPONENT_KIND_IDS } from './catalog/kinds.js';
import { PROTOCOL_IDS } from './catalog/protocols.js';
import { DATE_PATTERN } from '../util/calendar-date.js';
import { AWS_REGION } from '../util/region.js';

export const FORMAT_VERSION = 1;

/** Ids: letters, digits, `-`, `_`, `.`; start and end with a letter or digit (so `a->b` is unambiguous). */
export const ID_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9])?$/;
export const Id = z.string().regex(ID_PATTERN, { error: 'ids use letters, digits, "-", "_" and "." and start and end with a letter or digit' });

const text = (what: string) => z.string().max(4000).describe(what);
/** The form only: whether the day exists is checked with the references (isCalendarDate), for every date alike. */
const IsoDate = z.string().regex(DATE_PATTERN, { error: 'dates are written YYYY-MM-DD' });

export const Classification = z.enum(['public', 'internal', 'confidential', 'restricted']).describe('Data classification, from least to most sensitive.');
export const Level = z.enum(['low', 'medium', 'high', 'critical']);

export const ControlRef = z
  .union([z.enum(CONTROL_IDS), z.string().regex(CUSTOM_CONTROL_PATTERN)])
  .describe('A control from the catalog, or a team-specific control named x-...');

export const CloudTrail = z
  .strictObject({
    enabled: z.boolean().default(true).describe('A trail exists and is logging.'),
    multi_region: z.boolean().default(false).describe('The trail covers every Region (CloudTrail.1, CIS 3.1).'),
    management_events: z.enum(['all', 'write-only', 'none']).default('all').describe('Which management events are recorded.'),
    log_file_validation: z.boolean().default(false).describe('Log file integrity validation (CloudTrail.4, CIS 3.2).'),
    kms: z.boolean().default(false).describe('Logs are encrypted with a KMS key (CloudTrail.2, CIS 3.5).'),
    cloudwatch_logs: z.boolean().default(false).describe('Delivered to CloudWatch Logs for alarms (CloudTrail.5).'),
    data_events: z.boolean().default(false).describe('S3/Lambda/DynamoDB data events are recorded (CIS 3.8, 3.9).'),
    bucket: Id.optional().describe('Component id of the S3 bucket that receives the logs.'),
  })
  .describe('The organization or account CloudTrail trail.');

export const Account = z
  .strictObject({
    id: z.string().regex(/^\d{12}$/, { error: 'an AWS account id is 12 digits, quoted: id: "123456789012"' }).optional(),
    name: z.string().max(200).optional(),
    regions: z.array(z.string().regex(AWS_REGION, { error: 'a Region looks like eu-west-1' })).optional(),
    root_mfa: z.boolean().default(false).describe('The root user has MFA (IAM.9, CIS 1.5).'),
    root_hardware_mfa: z.boolean().default(false).describe('The root MFA is a hardware device (IAM.6, CIS 1.6).'),
    root_access_keys: z.boolean().default(false).describe('The root user has access keys (IAM.4, CIS 1.4): true is a finding.'),
    iam_users: z.boolean().default(false).describe('People sign in as IAM users (rather than only through federation).'),
    password_policy: z.boolean().default(false).describe('A strong IAM password policy is set (IAM.7).'),
    cloudtrail: z.union([z.boolean(), CloudTrail]).default(false).describe('true for a default trail, or its settings.'),
    guardduty: z.boolean().default(false).describe('GuardDuty is enabled in every Region used (GuardDuty.1).'),
    config: z.boolean().default(false).describe('AWS Config records all resources (Config.1, CIS 3.3).'),
    security_hub: z.boolean().default(false).describe('Security Hub with the AWS Foundational Security Best Practices standard.'),
    access_analyzer: z.boolean().default(false).describe('An IAM Access Analyzer external access analyzer exists (IAM.28, CIS 1.20).'),
    vpc_flow_logs: z.boolean().default(false).describe('VPC flow logs are enabled on every VPC (EC2.6, CIS 3.7).'),
    scps: z.boolean().default(false).describe('AWS Organizations service control policies guard the account.'),
    controls: z.array(ControlRef).default([]).describe('Further account-wide controls.'),
  })
  .describe('Controls declared for the whole AWS account.');

export const Boundary = z.strictObject({
  kind: z.enum(BOUNDARY_KIND_IDS),
  in: Id.optional().describe('The enclosing boundary.'),
  name: z.string().max(200).optional(),
  description: text('Free text.').optional(),
  public: z.boolean().default(false).describe('For subnets: a public subnet with a route to an internet gateway.'),
});

export const DataAsset = z.strictObject({
  classification: Classification,
  name: z.string().max(200).optional(),
  description: text('Free text.').optional(),
  integrity: Level.optional().describe('How much harm an unauthorized change does.'),
  availability: Level.optional().describe('How much harm loss of access does.'),
  pii: z.boolean().default(false).describe('Personal data.'),
});

export const Tags = z.union([z.array(z.string().max(200)), z.record(z.string(), z.string().max(200))]);

export const Component = z.strictObject({
  kind: z.enum(COMPONENT_KIND_IDS),
  name: z.string().max(200).optional().describe('Display name; the id is used when absent.'),
  description: text('Free text.').optional(),
  in: Id.optional().describe('The trust boundary the component sits in.'),
  internet_facing: z.boolean().default(false).describe('Reachable from the internet (public endpoint, public IP, public bucket).'),
  privileged: z.boolean().default(false).describe('Administers the system or holds broad IAM permissions.'),
  stores: z.array(Id).default([]).describe('Data asset ids held at rest.'),
  iam_role: z.string().max(2048).optional().describe('Name or ARN of the IAM role the component runs as.'),
  access_keys: z.boolean().default(false).describe('Authenticates with long-lived IAM user access keys.'),
  wildcard_permissions: z.boolean().default(false).describe('Its IAM policies use "*" actions or resources.'),
  arn: z.string().regex(/^arn:aws[a-z-]*:/, { error: 'an ARN starts with arn:aws:' }).max(2048).optional(),
  controls: z.array(ControlRef).default([]),
  tags: Tags.optional(),
});

export const Flow = z.strictObject({
  id: Id.optional().describe('Needed only when two flows share the same from and to.'),
  from: Id,
  to: Id,
  protocol: z.enum(PROTOCOL_IDS),
  auth: z.enum(AUTH_METHOD_IDS).default('none').describe('How the receiver authenticates the sender. Absent means none.'),
  tls: z.boolean().optional().describe('Encrypted in transit. Defaults from the protocol: https implies true, http means false.'),
  data: z.array(Id).default([]).describe('Data asset ids carried.'),
  description: text('Free text.').optional(),
  controls: z.array(ControlRef).default([]),
});

export const Acceptance = z.strictObject({
  threat: z.string().min(1).max(300).describe('A rule id (with `on`) or a threat\'s stable id.'),
  on: z.string().max(300).optional().describe('The element: a component id, a flow `from->to`, a boundary id, or `account`.'),
  reason: z.string().min(1).max(4000),
  by: z.string().min(1).max(200),
  expires: IsoDate,
  ticket: z.string().max(500).optional(),
});

export const Architecture = z.strictObject({
  ztm: z.literal(FORMAT_VERSION, { error: `ztm: must be ${FORMAT_VERSION}, the format version this ztm reads` }),
  name: z.string().min(1).max(200),
  description: text('What the system does.').optional(),
  owner: z.string().max(200).optional(),
  version: z.union([z.string().max(100), z.number()]).optional().describe('The version of this model.'),
  updated: IsoDate.optional().describe('When the model was last reviewed.'),
  scope: text('What the review covers.').optional(),
  assumptions: z.array(z.string().max(4000)).default([]),
  out_of_scope: z.array(z.string().max(4000)).default([]),
  account: Account.prefault({}),
  boundaries: z.record(Id, Boundary).default({}),
  data: z.record(Id, DataAsset).default({}),
  components: z.record(Id, Component),
  flows: z.array(Flow).default([]),
  accept: z.array(Acceptance).default([]),
});

export type Architecture = z.output<typeof Architecture>;
export type ArchitectureInput = z.input<typeof Architecture>;
export type Component = z.output<typeof Component>;
export type Flow = z.output<typeof Flow>;
export type Boundary = z.output<typeof Boundary>;
export type DataAsset = z.output<typeof DataAsset>;
export type Acceptance = z.output<typeof Acceptance>;
export type AccountControls = z.output<typeof Account>;
export type CloudTrailSettings = z.output<typeof CloudTrail>;
export type ClassificationLevel = z.output<typeof Classification>;
