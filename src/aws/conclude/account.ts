/** Account declarations against what IAM shows, and account facts the model does not state. */
import type { AccountControls } from '../../model/schema.js';
import type { AccountSummary } from '../iam/account-summary.js';
import { staleAccessKeys } from '../iam/access-keys.js';
import { type AuthorizationDetails, principalGrants } from '../iam/authorization-details.js';
import { consoleUsers, consoleUsersWithoutMfa } from '../iam/console-users.js';
import type { CredentialReport } from '../iam/credential-report.js';
import type { PasswordPolicy } from '../iam/password-policy.js';
import type { RootMfaDevice } from '../iam/root-mfa-device.js';
import type { Observed } from '../observed.js';
import { describeUse } from '../policy-document.js';
import type { Conclusions } from './builder.js';

export interface AccountObservations {
  readonly summary: Observed<AccountSummary>;
  readonly rootDevice: Observed<RootMfaDevice> | undefined;
  readonly passwordPolicy: Observed<PasswordPolicy>;
  readonly report: Observed<CredentialReport>;
  readonly details: Observed<AuthorizationDetails>;
}

const ACCOUNT = 'account';

export function concludeAccount(declared: AccountControls, o: AccountObservations, out: Conclusions, now: Date): void {
  const { summary } = o;
  if (declared.root_mfa) {
    if (!summary.ok) out.unverifiable(ACCOUNT, 'root_mfa', summary);
    else if (summary.value.rootMfa) out.check(ACCOUNT, 'root_mfa', 'verified', 'the root user has MFA (AccountMFAEnabled = 1)', summary.calls);
    else out.check(ACCOUNT, 'root_mfa', 'contradicted', 'the root user has no MFA (AccountMFAEnabled = 0)', summary.calls);
  }
  if (declared.root_hardware_mfa) concludeHardwareMfa(o, out);
  if (!declared.root_access_keys) {
    if (!summary.ok) out.unverifiable(ACCOUNT, 'root_access_keys', summary);
    else if (summary.value.rootAccessKeys) out.check(ACCOUNT, 'root_access_keys', 'contradicted', 'the root user has access keys (AccountAccessKeysPresent = 1), the model says none', summary.calls);
    else out.check(ACCOUNT, 'root_access_keys', 'verified', 'the root user has no access keys (AccountAccessKeysPresent = 0)', summary.calls);
  }
  concludePasswordPolicy(declared, o, out);
  concludeCredentials(o, out, now);
  concludePrincipals(o, out);
}

function concludeHardwareMfa(o: AccountObservations, out: Conclusions): void {
  const { summary, rootDevice } = o;
  if (!summary.ok) return out.unverifiable(ACCOUNT, 'root_hardware_mfa', summary);
  const calls = [...summary.calls, ...(rootDevice?.calls ?? [])];
  if (!summary.value.rootMfa) return out.check(ACCOUNT, 'root_hardware_mfa', 'contradicted', 'the root user has no MFA at all', calls);
  if (!rootDevice) return;
  if (!rootDevice.ok) return out.unverifiable(ACCOUNT, 'root_hardware_mfa', rootDevice);
  if (rootDevice.value.rootVirtual) {
    return out.check(ACCOUNT, 'root_hardware_mfa', 'contradicted', `the root user's MFA is a virtual device (${rootDevice.value.serial ?? 'assigned to root'})`, calls);
  }
  out.check(ACCOUNT, 'root_hardware_mfa', 'verified', 'the root user has MFA and no virtual MFA device: a hardware device or security key', calls);
}

function concludePasswordPolicy(declared: AccountControls, o: AccountObservations, out: Conclusions): void {
  const { passwordPolicy: pp, report } = o;
  if (declared.password_policy) {
    if (!pp.ok) return out.unverifiable(ACCOUNT, 'password_policy', pp);
    if (pp.value.weaknesses.length === 0) return out.check(ACCOUNT, 'password_policy', 'verified', 'the password policy is strong (length >= 14, reuse >= 24, all character classes)', pp.calls);
    return out.check(ACCOUNT, 'password_policy', 'contradicted', `the password policy is weak: ${pp.value.weaknesses.join('; ')}`, pp.calls);
  }
  if (!pp.ok) return out.failed(pp);
  if (!report.ok || pp.value.weaknesses.length === 0) return;
  const users = consoleUsers(report.value.rows);
  if (users.length) {
    out.finding('spoofing.live-weak-password-policy', ACCOUNT, [
      { attribute: 'password-policy', value: pp.value.weaknesses },
      { attribute: 'console-users', value: users },
    ]);
  }
}

function concludeCredentials(o: AccountObservations, out: Conclusions, now: Date): void {
  const { report } = o;
  if (!report.ok) return out.failed(report);
  const withoutMfa = consoleUsersWithoutMfa(report.value.rows);
  if (withoutMfa.length) out.finding('spoofing.live-console-user-without-mfa', ACCOUNT, [{ attribute: 'console-users-without-mfa', value: withoutMfa }]);
  const stale = staleAccessKeys(report.value.rows, now);
  if (stale.length) {
    out.finding('spoofing.live-stale-access-keys', ACCOUNT, [
      { attribute: 'stale-access-keys', value: stale.map((k) => `${k.user} access key ${k.slot}: ${k.reasons.join(', ')}`) },
    ]);
  }
}

function concludePrincipals(o: AccountObservations, out: Conclusions): void {
  const { details } = o;
  if (!details.ok) return out.failed(details);
  const admin: string[] = [];
  const service: string[] = [];
  for (const p of details.value.principals) {
    if (p.path.startsWith('/aws-service-role/')) continue; // service-linked roles: AWS owns their policies
    for (const use of principalGrants(p, details.value).uses) {
      const line = `${p.type} ${p.name}: ${describeUse(use)}`;
      if (use.kind === 'full-admin' || use.kind === 'not-action') admin.push(line);
      else if (use.kind === 'service-wildcard') service.push(line);
    }
  }
  if (admin.length) out.finding('elevation-of-privilege.live-admin-policy', ACCOUNT, [{ attribute: 'admin-grants', value: admin }]);
  if (service.length) out.finding('elevation-of-privilege.live-wildcard-service-policy', ACCOUNT, [{ attribute: 'service-wildcard-grants', value: service }]);
}
