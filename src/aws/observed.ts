/**
 * What a check saw in the account, or why it could not see it. Checks return
 * Observed values; conclusions.ts turns them into ControlChecks and LiveFindings.
 */
import { AwsCallError, type AwsRequest } from './gateway.js';

export type Observed<T> =
  | { readonly ok: true; readonly value: T; readonly calls: readonly string[] }
  | { readonly ok: false; readonly reason: string; readonly calls: readonly string[]; readonly kind: AwsCallError['kind'] | 'unexpected' };

/** `iam:GetAccountSummary`: how a call is named in evidence lists and reasons. */
export function callLabel(r: Pick<AwsRequest, 'service' | 'operation'>): string {
  return `${r.service}:${r.operation}`;
}

/** The calls one observation made, in order, each named once. */
export class CallLog {
  private readonly names: string[] = [];
  add(label: string): void {
    if (!this.names.includes(label)) this.names.push(label);
  }
  addAll(labels: readonly string[]): void {
    for (const l of labels) this.add(l);
  }
  get calls(): readonly string[] {
    return [...this.names];
  }
}

/** A call that failed, with the label of the call, so the reason can name it. */
export class FailedCall extends Error {
  override readonly name = 'FailedCall';
  constructor(readonly label: string, readonly error: AwsCallError) {
    super(error.message);
  }
}

export function describeFailure(label: string, e: AwsCallError): string {
  switch (e.kind) {
    case 'denied':
      return `no permission for ${label} (${e.code})`;
    case 'credentials':
      return `no usable AWS credentials (${e.code}: ${e.message})`;
    case 'throttled':
      return `${label} was still throttled after the SDK's retries (${e.code})`;
    case 'network':
      return `${label} did not answer: ${e.code} (${e.message})`;
    case 'not-recorded':
      return `${label} is not in the evidence file`;
    case 'not-found':
      return `${label}: ${e.code} (${e.message})`;
    default:
      return `${label} failed: ${e.code} (${e.message})`;
  }
}

/** Runs one observation; a failed call or an answer ztm cannot read becomes a reason, never a crash. */
export async function observe<T>(run: (log: CallLog) => Promise<T>): Promise<Observed<T>> {
  const log = new CallLog();
  try {
    const value = await run(log);
    return { ok: true, value, calls: log.calls };
  } catch (err) {
    if (err instanceof FailedCall) return { ok: false, reason: describeFailure(err.label, err.error), calls: log.calls, kind: err.error.kind };
    if (err instanceof AwsCallError) return { ok: false, reason: err.message, calls: log.calls, kind: err.kind };
    return { ok: false, reason: `could not read the answer: ${(err as Error)?.message ?? String(err)}`, calls: log.calls, kind: 'unexpected' };
  }
}

