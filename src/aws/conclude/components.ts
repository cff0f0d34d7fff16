/** Component declarations (waf, rate-limit, least-privilege, mfa on IAM users) against the account. */
import type { ComponentNode } from '../../model/graph.js';
import { type AuthorizationDetails, findRole, principalGrants } from '../iam/authorization-details.js';
import type { CredentialReport } from '../iam/credential-report.js';
import type { Observed } from '../observed.js';
import { describeUse } from '../policy-document.js';
import { missingBlocks } from '../wafv2/rules.js';
import type { WafObservation } from '../wafv2/web-acl.js';
import type { Conclusions } from './builder.js';

/** Controls `ztm verify` checks on components; all others are listed as not checked. */
export const CHECKED_COMPONENT_CONTROLS = new Set(['waf', 'rate-limit', 'least-privilege', 'mfa']);

/** Does this component need its web ACL read? */
export function wantsWaf(c: ComponentNode): boolean {
  return c.def.arn !== undefined && (c.controls.has('waf') || c.controls.has('rate-limit'));
}

export function concludeWaf(c: ComponentNode, waf: WafObservation | undefined, out: Conclusions): void {
  const declaresWaf = c.controls.has('waf');
  const declaresRate = c.controls.has('rate-limit');
  if (!declaresWaf && !declaresRate) return;
  if (!waf) {
    const reason = 'no arn in the model: add the resource ARN to check its web ACL';
    if (declaresWaf) out.check(c.id, 'waf', 'unverifiable', reason, []);
    if (declaresRate) out.check(c.id, 'rate-limit', 'unverifiable', reason, []);
    return;
  }
  const a = waf.association;
  if (!a.ok) {
    if (declaresWaf) out.unverifiable(c.id, 'waf', a);
    if (declaresRate) out.unverifiable(c.id, 'rate-limit', a);
    return;
  }
  const acl = a.value;
  if (acl.kind === 'cloudfront') {
    const none = acl.webAcls.length === 0;
    const reason = none
      ? 'no web ACL of scope CLOUDFRONT exists in the account'
      : `AWS WAF does not report which distribution uses which of the ${acl.webAcls.length} CLOUDFRONT web ACLs (${acl.webAcls.join(', ')}); the association is in the distribution's configuration, which ztm does not read yet`;
    for (const control of [declaresWaf && 'waf', declaresRate && 'rate-limit'].filter((x): x is string => typeof x === 'string')) {
      if (none) out.check(c.id, control, 'contradicted', reason, a.calls);
      else out.check(c.id, control, 'unverifiable', reason, a.calls);
    }
    if (!none) out.problems.add(`${c.id}: ${reason}`);
    return;
  }
  if (acl.kind === 'none') {
    const reason = `no web ACL is associated with ${c.def.arn}`;
    if (declaresWaf) out.check(c.id, 'waf', 'contradicted', reason, a.calls);
    if (declaresRate) concludeRateWithoutWaf(c, reason, a.calls, out);
    return;
  }
  if (declaresWaf) out.check(c.id, 'waf', 'verified', `web ACL ${acl.name} is associated`, a.calls);
  const missing = missingBlocks(acl.rules);
  if (missing.length) {
    out.finding('tampering.live-waf-not-blocking', c.id, [
      { attribute: 'web-acl', value: acl.name },
      { attribute: 'not-blocking', value: missing.map((m) => `${m.name} (${m.state === 'count-only' ? 'OverrideAction Count: counts, does not block' : 'absent'})`) },
    ]);
  }
  if (acl.rules.rateRules.length) {
    if (declaresRate) out.check(c.id, 'rate-limit', 'verified', `web ACL ${acl.name} has rate-based rule ${acl.rules.rateRules.map((r) => `${r.name} (limit ${r.limit ?? '?'})`).join(', ')}`, a.calls);
  } else if (declaresRate) {
    concludeRateWithoutWaf(c, `web ACL ${acl.name} has no blocking rate-based rule${acl.rules.countOnlyRateRules.length ? ` (${acl.rules.countOnlyRateRules.join(', ')} only count)` : ''}`, a.calls, out);
  } else {
    out.finding('denial-of-service.live-waf-no-rate-rule', c.id, [{ attribute: 'web-acl', value: acl.name }]);
  }
  const logging = waf.logging;
  if (logging && !logging.ok) out.failed(logging);
  else if (logging && !logging.value) out.finding('repudiation.live-waf-logging-off', c.id, [{ attribute: 'web-acl', value: acl.name }, { attribute: 'logging', value: false }]);
}

/** rate-limit may also be API Gateway throttling, which ztm does not read. */
function concludeRateWithoutWaf(c: ComponentNode, reason: string, calls: readonly string[], out: Conclusions): void {
  if (c.kind.startsWith('api-gateway')) {
    out.check(c.id, 'rate-limit', 'unverifiable', `${reason}; API Gateway throttling is not checked`, calls);
  } else {
    out.check(c.id, 'rate-limit', 'contradicted', reason, calls);
  }
}

export function concludeRole(c: ComponentNode, details: Observed<AuthorizationDetails>, out: Conclusions): void {
  const declares = c.controls.has('least-privilege');
  const role = c.def.iam_role;
  if (role === undefined) {
    if (declares) out.check(c.id, 'least-privilege', 'unverifiable', 'no iam_role in the model: name the role to check its policies', []);
    return;
  }
  if (!details.ok) {
    if (declares) out.unverifiable(c.id, 'least-privilege', details);
    return;
  }
  const found = findRole(details.value, role);
  if (!found) {
    const reason = `role ${role} is not in the account (a different account, or renamed?)`;
    if (declares) out.check(c.id, 'least-privilege', 'unverifiable', reason, details.calls);
    out.problems.add(`${c.id}: ${reason}`);
    return;
  }
  const { uses, unread } = principalGrants(found, details.value);
  const statements = uses.map(describeUse);
  if (uses.length && !c.def.wildcard_permissions) {
    out.finding('elevation-of-privilege.live-wildcard-role-policy', c.id, [
      { attribute: 'iam_role', value: found.name },
      { attribute: 'wildcard-statements', value: statements },
    ]);
  }
  if (!declares) return;
  if (uses.length) out.check(c.id, 'least-privilege', 'contradicted', `role ${found.name} grants wildcards: ${statements.join('; ')}`, details.calls);
  else if (unread.length) out.check(c.id, 'least-privilege', 'unverifiable', `role ${found.name} has no wildcard in the policies ztm reads, but AWS managed policies ${unread.join(', ')} were not analysed`, details.calls);
  else out.check(c.id, 'least-privilege', 'verified', `role ${found.name}: no wildcard action or resource in its inline and managed policies`, details.calls);
}

/** A `user` component with `mfa` whose id or name is an IAM user: the report's mfa_active. */
export function concludeUserMfa(c: ComponentNode, report: Observed<CredentialReport>, out: Conclusions): boolean {
  if (c.kind !== 'user' || !c.controls.has('mfa') || !report.ok) return false;
  const row = report.value.rows.find((r) => !r.isRoot && (r.user === c.id || r.user === c.name));
  if (!row) return false;
  if (row.mfaActive) out.check(c.id, 'mfa', 'verified', `IAM user ${row.user} has an MFA device`, report.calls);
  else out.check(c.id, 'mfa', 'contradicted', `IAM user ${row.user} has no MFA device${row.passwordEnabled ? ' and signs in with a password' : ''}`, report.calls);
  return true;
}
