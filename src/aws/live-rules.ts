/**
 * The rules live findings fire, with the severity ztm gives them until the rule
 * engine reads rules/live.yaml. Facts and references from AWS documentation.
 */
import type { Severity } from '../analysis/threat.js';

export interface LiveRuleInfo {
  readonly severity: Severity;
  readonly title: string;
}

export const LIVE_RULES = {
  'spoofing.live-console-user-without-mfa': { severity: 'high', title: 'IAM users sign in to the console with a password and no MFA' },
  'spoofing.live-stale-access-keys': { severity: 'medium', title: 'Active IAM access keys are not rotated or not used' },
  'spoofing.live-weak-password-policy': { severity: 'medium', title: 'Console users sign in under a weak or missing password policy' },
  'elevation-of-privilege.live-admin-policy': { severity: 'high', title: 'IAM principals hold full administrator policies' },
  'elevation-of-privilege.live-wildcard-service-policy': { severity: 'medium', title: 'IAM principals are granted every action of a service' },
  'elevation-of-privilege.live-wildcard-role-policy': { severity: 'high', title: "A component's IAM role grants wildcard actions or resources" },
  'tampering.live-waf-not-blocking': { severity: 'high', title: 'The web ACL does not block with the core AWS managed rule groups' },
  'repudiation.live-waf-logging-off': { severity: 'medium', title: 'The web ACL does not log the requests it inspects' },
  'denial-of-service.live-waf-no-rate-rule': { severity: 'medium', title: 'The web ACL has no blocking rate-based rule' },
} as const satisfies Record<string, LiveRuleInfo>;

export type LiveRuleId = keyof typeof LIVE_RULES;
