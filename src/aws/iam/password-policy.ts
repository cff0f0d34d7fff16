/**
 * The account password policy. GetAccountPasswordPolicy answers NoSuchEntity when
 * no policy is set. ztm calls a policy strong when it asks for at least 14
 * characters (CIS 1.8), prevents reuse of the last 24 passwords (CIS 1.9), and
 * requires upper case, lower case, numbers and symbols (Security Hub IAM.7).
 */
import { type CheckContext, send } from '../context.js';
import { FailedCall, type Observed, observe } from '../observed.js';

export const STRONG_PASSWORD_POLICY = { minimumLength: 14, reusePrevention: 24 } as const;

export interface PasswordPolicy {
  /** Undefined: no policy is set (IAM's defaults apply). */
  readonly policy: Record<string, unknown> | undefined;
  /** Empty when the policy is strong. */
  readonly weaknesses: readonly string[];
}

export function passwordPolicyWeaknesses(p: Record<string, unknown> | undefined): string[] {
  if (!p) return ['no password policy is set'];
  const out: string[] = [];
  const length = typeof p.MinimumPasswordLength === 'number' ? p.MinimumPasswordLength : 0;
  if (length < STRONG_PASSWORD_POLICY.minimumLength) out.push(`minimum length ${length} < ${STRONG_PASSWORD_POLICY.minimumLength}`);
  const reuse = typeof p.PasswordReusePrevention === 'number' ? p.PasswordReusePrevention : 0;
  if (reuse < STRONG_PASSWORD_POLICY.reusePrevention) out.push(`reuse prevention ${reuse} < ${STRONG_PASSWORD_POLICY.reusePrevention}`);
  for (const [key, what] of [
    ['RequireUppercaseCharacters', 'upper case'],
    ['RequireLowercaseCharacters', 'lower case'],
    ['RequireNumbers', 'numbers'],
    ['RequireSymbols', 'symbols'],
  ] as const) {
    if (p[key] !== true) out.push(`${what} not required`);
  }
  return out;
}

export function observePasswordPolicy(ctx: CheckContext): Promise<Observed<PasswordPolicy>> {
  return observe(async (log) => {
    let policy: Record<string, unknown> | undefined;
    try {
      const answer = await send(ctx, log, { service: 'iam', region: ctx.iamRegion, operation: 'GetAccountPasswordPolicy', input: {} });
      policy = (answer.PasswordPolicy ?? undefined) as Record<string, unknown> | undefined;
    } catch (err) {
      if (!(err instanceof FailedCall && err.error.kind === 'not-found')) throw err;
    }
    return { policy, weaknesses: passwordPolicyWeaknesses(policy) };
  });
}
