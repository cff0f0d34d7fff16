/**
 * The credential report: GenerateCredentialReport until its State is COMPLETE
 * (bounded polls), then GetCredentialReport. AWS reuses a report generated in the
 * last four hours, so the answer may be up to four hours old (GeneratedTime).
 */
import { type CheckContext, send } from '../context.js';
import { type CredentialReportRow, parseCredentialReport } from '../credential-report.js';
import { type Observed, observe } from '../observed.js';

export interface CredentialReport {
  readonly generatedAt: string | undefined;
  readonly rows: readonly CredentialReportRow[];
}

export function observeCredentialReport(ctx: CheckContext): Promise<Observed<CredentialReport>> {
  return ctx.once('credential-report', () =>
    observe(async (log) => {
      const request = { service: 'iam' as const, region: ctx.iamRegion, input: {} };
      for (let attempt = 1; ; attempt++) {
        const state = (await send(ctx, log, { ...request, operation: 'GenerateCredentialReport' })).State;
        if (state === 'COMPLETE') break;
        if (attempt >= ctx.reportPoll.attempts) {
          throw new Error(`the credential report was still ${String(state ?? 'not ready')} after ${attempt} polls`);
        }
        await ctx.sleep(ctx.reportPoll.delayMs);
      }
      const answer = await send(ctx, log, { ...request, operation: 'GetCredentialReport' });
      if (typeof answer.Content !== 'string') throw new Error('GetCredentialReport returned no Content');
      return {
        generatedAt: typeof answer.GeneratedTime === 'string' ? answer.GeneratedTime : undefined,
        rows: parseCredentialReport(answer.Content),
      };
    }),
  );
}
