/**
 * The rules live findings fire. Their titles, statements, controls and severity
 * live in rules/live.yaml (a test keeps the two lists equal); the titles here
 * only document what each check reports.
 */
export interface LiveRuleInfo {
  readonly title: string;
}

export const LIVE_RULES = {
  'spoofing.live-console-user-without-mfa': { title: 'IAM users sign in to the console with a password and no MFA' },
  'spoofing.live-stale-access-keys': { title: 'Active IAM access keys are not rotated or not used' },
  'spoofing.live-weak-password-policy': { title: 'Console users sign in under a weak or missing password policy' },
  'elevation-of-privilege.live-admin-policy': { title: 'IAM principals hold full administrator policies' },
  'elevation-of-privilege.live-wildcard-service-policy': { title: 'IAM principals are granted every action of a service' },
  'elevation-of-privilege.live-wildcard-role-policy': { title: "A component's IAM role grants wildcard actions or resources" },
  'tampering.live-waf-not-blocking': { title: 'The web ACL does not block with the core AWS managed rule groups' },
  'repudiation.live-waf-logging-off': { title: 'The web ACL does not log the requests it inspects' },
  'denial-of-service.live-waf-no-rate-rule': { title: 'The web ACL has no blocking rate-based rule' },
} as const satisfies Record<string, LiveRuleInfo>;

export type LiveRuleId = keyof typeof LIVE_RULES;
