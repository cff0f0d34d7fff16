/**
 * Stale access keys, from the credential report: an active key last rotated more
 * than 90 days ago (Security Hub IAM.3, CIS 1.14), or unused for 45 days or more
 * (IAM.22, CIS 1.12; a key never used counts from its creation, which the report
 * shows as its last rotation). The root row is left to GetAccountSummary.
 */
import type { CredentialReportRow } from '../credential-report.js';

export const KEY_LIMITS = { rotateDays: 90, unusedDays: 45 } as const;

export interface StaleKey {
  readonly user: string;
  readonly slot: 1 | 2;
  readonly reasons: readonly string[];
}

const DAY = 24 * 60 * 60 * 1000;
const daysBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / DAY);

export function staleAccessKeys(rows: readonly CredentialReportRow[], now: Date): StaleKey[] {
  const out: StaleKey[] = [];
  for (const row of rows) {
    if (row.isRoot) continue;
    for (const key of row.accessKeys) {
      if (!key.active) continue;
      const reasons: string[] = [];
      if (key.lastRotated) {
        const age = daysBetween(key.lastRotated, now);
        if (age > KEY_LIMITS.rotateDays) reasons.push(`last rotated ${age} days ago (> ${KEY_LIMITS.rotateDays})`);
      }
      const since = key.lastUsed ?? key.lastRotated;
      if (since) {
        const idle = daysBetween(since, now);
        if (idle >= KEY_LIMITS.unusedDays) reasons.push(key.lastUsed ? `unused for ${idle} days (>= ${KEY_LIMITS.unusedDays})` : `never used in ${idle} days (>= ${KEY_LIMITS.unusedDays})`);
      }
      if (reasons.length) out.push({ user: row.user, slot: key.slot, reasons });
    }
  }
  return out;
}
