/**
 * The IAM credential report (CSV), read into typed rows. Column names are the
 * ones AWS documents: user, arn, password_enabled, mfa_active,
 * access_key_N_active, access_key_N_last_rotated, access_key_N_last_used_date.
 * The root user's row is named `<root_account>`.
 */
import { csvRecords } from './csv.js';

export const ROOT_ROW = '<root_account>';

export interface AccessKeyColumns {
  /** 1 or 2: the report's two key slots. */
  readonly slot: 1 | 2;
  readonly active: boolean;
  readonly lastRotated: Date | undefined;
  readonly lastUsed: Date | undefined;
}

export interface CredentialReportRow {
  readonly user: string;
  readonly arn: string;
  readonly isRoot: boolean;
  /** Root shows `not_supported`: read as false. */
  readonly passwordEnabled: boolean;
  readonly mfaActive: boolean;
  readonly accessKeys: readonly AccessKeyColumns[];
}

const REQUIRED = ['user', 'arn', 'password_enabled', 'mfa_active'];

export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const records = csvRecords(csv);
  const first = records[0];
  if (first) {
    const missing = REQUIRED.filter((c) => !(c in first));
    if (missing.length) throw new Error(`the credential report has no column ${missing.join(', ')}`);
  }
  return records.map((r) => ({
    user: r.user ?? '',
    arn: r.arn ?? '',
    isRoot: r.user === ROOT_ROW,
    passwordEnabled: r.password_enabled === 'true',
    mfaActive: r.mfa_active === 'true',
    accessKeys: ([1, 2] as const).map((slot) => ({
      slot,
      active: r[`access_key_${slot}_active`] === 'true',
      lastRotated: reportDate(r[`access_key_${slot}_last_rotated`]),
      lastUsed: reportDate(r[`access_key_${slot}_last_used_date`]),
    })),
  }));
}

/** `N/A`, `no_information`, `not_supported` and empty cells mean no date. */
function reportDate(cell: string | undefined): Date | undefined {
  if (!cell || !/^\d{4}-\d{2}-\d{2}/.test(cell)) return undefined;
  const d = new Date(cell);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The account id, read from the root row's ARN (arn:aws:iam::123456789012:root). */
export function accountIdFromReport(rows: readonly CredentialReportRow[]): string | undefined {
  for (const r of rows) {
    const m = /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(r.arn);
    if (m) return m[1];
  }
  return undefined;
}
