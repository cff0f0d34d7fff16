/** Exit codes, documented in README. */
export const EXIT = {
  /** Valid model; no open threat reaches the gate. */
  ok: 0,
  /** The gate failed: open threats at or above --fail-on, or declared controls contradicted by the account. */
  gateFailed: 1,
  /** Bad input: invalid model, rules or config, or bad usage. */
  badInput: 2,
  /** An internal error in ztm (a bug: please report it). */
  internal: 3,
  /** --require-verified: live verification was incomplete. */
  unverified: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
