/** IAM users who sign in to the console with a password and no MFA (Security Hub IAM.5, CIS 1.10). */
import type { CredentialReportRow } from '../credential-report.js';

export function consoleUsersWithoutMfa(rows: readonly CredentialReportRow[]): string[] {
  return rows.filter((r) => !r.isRoot && r.passwordEnabled && !r.mfaActive).map((r) => r.user).sort();
}

export function consoleUsers(rows: readonly CredentialReportRow[]): string[] {
  return rows.filter((r) => !r.isRoot && r.passwordEnabled).map((r) => r.user).sort();
}
