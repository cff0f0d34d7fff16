/** Collects the ControlChecks, LiveFindings and unchecked declarations of one run. */
import type { CheckStatus, ControlCheck, LiveFinding } from '../../analysis/facts.js';
import type { LiveRuleId } from '../live-rules.js';
import type { Observed } from '../observed.js';

export interface NotChecked {
  readonly element: string;
  readonly control: string;
  readonly reason: string;
}

export class Conclusions {
  readonly checks: ControlCheck[] = [];
  readonly findings: LiveFinding[] = [];
  readonly notChecked: NotChecked[] = [];
  /** Observations that failed, by reason: what made the verification incomplete. */
  readonly problems = new Set<string>();

  check(element: string, control: string, status: CheckStatus, reason: string, evidence: readonly string[]): void {
    this.checks.push({ element, control, status, reason, evidence: [...evidence] });
  }

  /** An unverifiable check from a failed observation. */
  unverifiable(element: string, control: string, failed: Extract<Observed<unknown>, { ok: false }>): void {
    this.failed(failed);
    this.check(element, control, 'unverifiable', failed.reason, failed.calls);
  }

  /** Notes a failed observation that no declared control depended on. */
  failed(failed: Extract<Observed<unknown>, { ok: false }>): void {
    this.problems.add(failed.reason);
  }

  finding(rule: LiveRuleId, element: string, evidence: readonly { attribute: string; value: unknown }[]): void {
    this.findings.push({ rule, element, evidence });
  }

  skip(element: string, control: string, reason: string): void {
    this.notChecked.push({ element, control, reason });
  }
}
