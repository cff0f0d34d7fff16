/**
 * The attributes rule conditions can test, per element scope, with their types
 * and meaning. This table is the whole vocabulary of the rule language; the
 * facts for each element are computed once (see ../analysis/facts-builder.ts).
 */

export type AttributeType = 'boolean' | 'string' | 'list' | 'number' | 'sensitivity' | 'level';

export interface AttributeInfo {
  readonly type: AttributeType;
  readonly description: string;
}

const A = (type: AttributeType, description: string): AttributeInfo => ({ type, description });

export const COMPONENT_ATTRIBUTES = {
  id: A('string', 'The component id.'),
  kind: A('string', 'The component kind (catalog).'),
  element_type: A('string', 'STRIDE element type: external-entity, process or data-store.'),
  traits: A('list', 'Traits of the kind: human, external, web-entry, waf-attachable, shield-protectable, compute, instance, storage, database, messaging, identity-provider, key-management, network, dns.'),
  controls: A('list', 'Declared controls in effect (minus any that live verification contradicted).'),
  internet_facing: A('boolean', 'Declared internet_facing.'),
  exposed: A('boolean', 'Reachable from the internet: internet_facing, in an untrusted boundary, or receiving a flow from an untrusted party.'),
  in_untrusted: A('boolean', 'Placed in an untrusted boundary (internet, third party).'),
  in_public_subnet: A('boolean', 'Placed in a subnet declared public.'),
  in_vpc: A('boolean', 'Placed inside a VPC boundary.'),
  boundary_kinds: A('list', 'Kinds of every enclosing boundary.'),
  privileged: A('boolean', 'Declared privileged.'),
  human: A('boolean', 'A person (kind user).'),
  has_iam_role: A('boolean', 'Declares an iam_role.'),
  access_keys: A('boolean', 'Authenticates with long-lived IAM user access keys.'),
  wildcard_permissions: A('boolean', 'Its IAM policies use wildcard actions or resources.'),
  has_arn: A('boolean', 'Declares an arn.'),
  stores: A('list', 'Ids of the data assets stored.'),
  stores_sensitivity: A('sensitivity', 'Highest classification stored (none, public, internal, confidential, restricted).'),
  stores_pii: A('boolean', 'Stores personal data.'),
  stores_integrity: A('level', 'Highest integrity need of stored data (none when unset).'),
  stores_availability: A('level', 'Highest availability need of stored data (none when unset).'),
  data_sensitivity: A('sensitivity', 'Highest classification stored, or carried by a flow in or out.'),
  data_availability: A('level', 'Highest availability need of data stored, or carried by a flow in or out (none when unset).'),
  holds_audit_logs: A('boolean', 'Stores audit/log data (integrity critical data, or the CloudTrail bucket).'),
  is_cloudtrail_bucket: A('boolean', 'The account CloudTrail trail delivers to it.'),
  inbound_auth: A('list', 'Authentication methods of inbound flows.'),
  inbound_unauthenticated: A('boolean', 'Some inbound flow has no authentication.'),
  inbound_from_untrusted: A('boolean', 'Some inbound flow comes from an untrusted party.'),
  inbound_from_humans: A('boolean', 'Some inbound flow comes from a person.'),
  inbound_count: A('number', 'Number of inbound flows.'),
  outbound_count: A('number', 'Number of outbound flows.'),
  outbound_auth: A('list', 'Authentication methods of outbound flows.'),
  outbound_long_lived: A('boolean', 'Some outbound flow authenticates with a long-lived secret (api-key, password, access-keys).'),
  outbound_to_kinds: A('list', 'Kinds of the components it sends to.'),
  inbound_from_kinds: A('list', 'Kinds of the components it receives from.'),
  attack_path: A('boolean', 'An attack path from the internet reaches it through an unauthenticated or plaintext hop.'),
  attack_path_length: A('number', 'Hops of that attack path (0 when none).'),
} as const satisfies Record<string, AttributeInfo>;

export const FLOW_ATTRIBUTES = {
  name: A('string', 'The flow name (from->to, or its id).'),
  protocol: A('string', 'The protocol (catalog).'),
  web: A('boolean', 'An HTTP-family protocol.'),
  auth: A('string', 'The authentication method (catalog).'),
  authenticated: A('boolean', 'The receiver learns who the sender is (auth is not none).'),
  auth_strong: A('boolean', 'Short-lived, signed or federated credentials (iam, cognito, identity-center, oidc, saml, jwt, mtls).'),
  auth_long_lived: A('boolean', 'A static secret (api-key, password, access-keys).'),
  encrypted: A('boolean', 'Encrypted in transit (declared tls, or the protocol default).'),
  tls_declared: A('boolean', 'The flow states tls explicitly.'),
  controls: A('list', 'Controls declared on the flow and on its receiver.'),
  crosses_boundary: A('boolean', 'The two ends are in different trust boundaries.'),
  crosses_untrusted: A('boolean', 'One end is in an untrusted boundary and the other is not.'),
  crossed_kinds: A('list', 'Kinds of the boundaries crossed.'),
  data: A('list', 'Ids of the data assets carried.'),
  data_sensitivity: A('sensitivity', 'Highest classification carried.'),
  data_pii: A('boolean', 'Carries personal data.'),
  data_integrity: A('level', 'Highest integrity need of carried data.'),
  internal: A('boolean', 'Neither end is an untrusted party or an external entity.'),
} as const satisfies Record<string, AttributeInfo>;

export const ACCOUNT_ATTRIBUTES = {
  root_mfa: A('boolean', 'Root user MFA declared.'),
  root_hardware_mfa: A('boolean', 'Root user hardware MFA declared.'),
  root_access_keys: A('boolean', 'Root access keys exist.'),
  iam_users: A('boolean', 'People sign in as IAM users.'),
  password_policy: A('boolean', 'A strong IAM password policy is declared.'),
  cloudtrail: A('boolean', 'A CloudTrail trail is declared and logging.'),
  cloudtrail_multi_region: A('boolean', 'The trail is multi-Region.'),
  cloudtrail_management_events: A('string', 'all, write-only or none.'),
  cloudtrail_log_file_validation: A('boolean', 'Log file validation is on.'),
  cloudtrail_kms: A('boolean', 'Trail logs are encrypted with KMS.'),
  cloudtrail_cloudwatch_logs: A('boolean', 'Trail is integrated with CloudWatch Logs.'),
  cloudtrail_data_events: A('boolean', 'Data events are recorded.'),
  cloudtrail_bucket: A('boolean', 'The trail names its bucket component.'),
  cloudtrail_bucket_protected: A('boolean', 'That bucket declares object-lock (or mfa-delete) and block-public-access.'),
  guardduty: A('boolean', 'GuardDuty is enabled.'),
  config: A('boolean', 'AWS Config is recording.'),
  security_hub: A('boolean', 'Security Hub is enabled.'),
  access_analyzer: A('boolean', 'An IAM Access Analyzer exists.'),
  vpc_flow_logs: A('boolean', 'VPC flow logs are on.'),
  scps: A('boolean', 'SCPs guard the account.'),
  controls: A('list', 'Further account-wide controls.'),
  has_vpc: A('boolean', 'The model has a VPC boundary.'),
  has_privileged_humans: A('boolean', 'Some person is privileged.'),
  has_humans: A('boolean', 'The model has people.'),
  has_sensitive_data: A('boolean', 'Some data is confidential or restricted.'),
  has_exposed_components: A('boolean', 'Something is reachable from the internet.'),
  uses_identity_center: A('boolean', 'A component of kind identity-center exists, or a flow authenticates with identity-center.'),
} as const satisfies Record<string, AttributeInfo>;

export const BOUNDARY_ATTRIBUTES = {
  id: A('string', 'The boundary id.'),
  kind: A('string', 'The boundary kind.'),
  public: A('boolean', 'A public subnet.'),
  untrusted: A('boolean', 'An untrusted boundary.'),
  component_kinds: A('list', 'Kinds of the components directly inside.'),
  component_count: A('number', 'Components directly inside.'),
} as const satisfies Record<string, AttributeInfo>;

export type Scope = 'component' | 'flow' | 'account' | 'boundary';

/** Every attribute path a condition may use in a scope, with its type. */
export function attributesFor(scope: Scope): ReadonlyMap<string, AttributeInfo> {
  const out = new Map<string, AttributeInfo>();
  const add = (prefix: string, table: Record<string, AttributeInfo>) => {
    for (const [k, v] of Object.entries(table)) out.set(prefix + k, v);
  };
  if (scope === 'component') add('', COMPONENT_ATTRIBUTES);
  if (scope === 'flow') {
    add('', FLOW_ATTRIBUTES);
    add('from.', COMPONENT_ATTRIBUTES);
    add('to.', COMPONENT_ATTRIBUTES);
  }
  if (scope === 'boundary') add('', BOUNDARY_ATTRIBUTES);
  add(scope === 'account' ? '' : 'account.', ACCOUNT_ATTRIBUTES);
  return out;
}
