/** Root MFA and root access keys, from GetAccountSummary's SummaryMap. */
import { type CheckContext, send } from '../context.js';
import { type Observed, observe } from '../observed.js';

export interface AccountSummary {
  readonly rootMfa: boolean;
  readonly rootAccessKeys: boolean;
}

export function observeAccountSummary(ctx: CheckContext): Promise<Observed<AccountSummary>> {
  return ctx.once('account-summary', () =>
    observe(async (log) => {
      const answer = await send(ctx, log, { service: 'iam', region: ctx.iamRegion, operation: 'GetAccountSummary', input: {} });
      const map = (answer.SummaryMap ?? {}) as Record<string, unknown>;
      if (typeof map.AccountMFAEnabled !== 'number' || typeof map.AccountAccessKeysPresent !== 'number') {
        throw new Error('SummaryMap has no AccountMFAEnabled or AccountAccessKeysPresent');
      }
      return { rootMfa: map.AccountMFAEnabled > 0, rootAccessKeys: map.AccountAccessKeysPresent > 0 };
    }),
  );
}
