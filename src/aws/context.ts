/** What every check gets: the gateway, the clock, pagination and shared answers. */
import { type AwsAnswer, type AwsGateway, type AwsRequest, toCallError } from './gateway.js';
import { type CallLog, FailedCall, callLabel } from './observed.js';

export interface CheckContext {
  readonly gateway: AwsGateway;
  /** IAM is global: its calls are signed for this Region (us-east-1 in the aws partition). */
  readonly iamRegion: string;
  /** The Region of the run, for calls that need one and have no ARN to take it from. */
  readonly region: string;
  readonly now: Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Credential report generation: how many polls, how long between them. */
  readonly reportPoll: { readonly attempts: number; readonly delayMs: number };
  /** Runs one call when a slot is free: bounds the calls in flight. */
  readonly limit: <T>(task: () => Promise<T>) => Promise<T>;
  /** Shares one answer (the credential report, the authorization details) between checks. */
  once<T>(key: string, compute: () => Promise<T>): Promise<T>;
}

export function makeContext(init: Omit<CheckContext, 'once'>): CheckContext {
  const memo = new Map<string, Promise<unknown>>();
  return {
    ...init,
    once<T>(key: string, compute: () => Promise<T>): Promise<T> {
      let p = memo.get(key);
      if (!p) {
        p = compute();
        memo.set(key, p);
      }
      return p as Promise<T>;
    },
  };
}

/** One call, named in the log; failures become FailedCall. */
export async function send(ctx: CheckContext, log: CallLog, request: AwsRequest): Promise<AwsAnswer> {
  const label = callLabel(request);
  log.add(label);
  try {
    return await ctx.limit(() => ctx.gateway.send(request));
  } catch (err) {
    throw new FailedCall(label, toCallError(err));
  }
}

/** Safety net against a service that never stops paging. */
const MAX_PAGES = 1000;

/** IAM pagination: IsTruncated + Marker, followed to the last page. */
export async function iamPages(ctx: CheckContext, log: CallLog, operation: string, input: Record<string, unknown>): Promise<AwsAnswer[]> {
  const pages: AwsAnswer[] = [];
  let marker: string | undefined;
  do {
    const page = await send(ctx, log, { service: 'iam', region: ctx.iamRegion, operation, input: marker ? { ...input, Marker: marker } : input });
    pages.push(page);
    marker = page.IsTruncated === true && typeof page.Marker === 'string' && page.Marker !== '' ? page.Marker : undefined;
  } while (marker !== undefined && pages.length < MAX_PAGES);
  return pages;
}

/** WAFv2 pagination: NextMarker, followed until it is absent (the SDK ships no WAFv2 paginators). */
export async function wafPages(ctx: CheckContext, log: CallLog, region: string, operation: string, input: Record<string, unknown>): Promise<AwsAnswer[]> {
  const pages: AwsAnswer[] = [];
  let marker: string | undefined;
  do {
    const page = await send(ctx, log, { service: 'wafv2', region, operation, input: marker ? { ...input, NextMarker: marker } : input });
    pages.push(page);
    marker = typeof page.NextMarker === 'string' && page.NextMarker !== '' ? page.NextMarker : undefined;
  } while (marker !== undefined && pages.length < MAX_PAGES);
  return pages;
}

/** At most `limit` tasks at once; the others wait their turn in order. */
export function makeLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
