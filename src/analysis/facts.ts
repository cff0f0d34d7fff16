/**
 * Facts from live verification (src/aws), read by the analysis like any other
 * attribute of the model. Verification never reaches into the analyzers.
 */

export type CheckStatus = 'verified' | 'contradicted' | 'unverifiable';

/** One declared control checked against the account. */
export interface ControlCheck {
  /** `account` or a component id. */
  readonly element: string;
  /** Catalog control id (`mfa`, `waf`, ...) or an account setting (`root_mfa`, `cloudtrail.multi_region`). */
  readonly control: string;
  readonly status: CheckStatus;
  /** Why: what the account showed, or why it could not be checked. */
  readonly reason: string;
  /** Names of the recorded AWS calls the conclusion rests on. */
  readonly evidence: readonly string[];
}

/** Something true of the account that the model does not say: becomes a threat. */
export interface LiveFinding {
  /** The rule it fires (`spoofing.live-console-user-without-mfa`...). */
  readonly rule: string;
  /** `account` or a component id. */
  readonly element: string;
  readonly evidence: readonly { attribute: string; value: unknown }[];
}

export interface VerificationFacts {
  readonly accountId: string | undefined;
  readonly region: string;
  /** ISO timestamp of the checks (or of the recording they were replayed from). */
  readonly checkedAt: string;
  readonly checks: readonly ControlCheck[];
  readonly findings: readonly LiveFinding[];
  /** True when every check that was attempted could be completed. */
  readonly complete: boolean;
  /** Declared controls live verification does not check (not a fault). */
  readonly notChecked?: readonly { readonly element: string; readonly control: string; readonly reason: string }[];
  /** Why verification is incomplete, one line each. */
  readonly problems?: readonly string[];
  /** Notes for the reader (e.g. the credentials are for another account). */
  readonly warnings?: readonly string[];
}
