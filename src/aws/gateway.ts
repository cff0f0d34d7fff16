/**
 * The one door to AWS. Every check goes through an AwsGateway, so that live
 * calls, recording and offline replay are three implementations of one interface.
 */

export type AwsService = 'iam' | 'wafv2';

export interface AwsRequest {
  readonly service: AwsService;
  /** The Region the call is signed for (IAM: us-east-1 in the aws partition). */
  readonly region: string;
  /** The API operation name, as in the API reference: `GetAccountSummary`. */
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** A JSON-safe answer: no Date objects, no byte arrays, no `$metadata`. */
export type AwsAnswer = Record<string, unknown>;

export interface AwsGateway {
  /** Resolves with the operation's output, or rejects with an AwsCallError. */
  send(request: AwsRequest): Promise<AwsAnswer>;
}

/** Why a call failed, in the terms a reader needs to act on it. */
export type FailureKind =
  | 'denied' // the credentials may not make this call
  | 'credentials' // no credentials, expired or invalid
  | 'throttled' // still throttled after the SDK's retries
  | 'network' // timeouts, refused connections, DNS
  | 'not-found' // NoSuchEntity, WAFNonexistentItemException: a meaning, not a fault
  | 'not-recorded' // replay: the evidence file holds no answer for this call
  | 'service'; // any other error from AWS

export class AwsCallError extends Error {
  override readonly name = 'AwsCallError';
  constructor(
    /** The AWS error code (`AccessDenied`, `NoSuchEntity`...) or the network error code. */
    readonly code: string,
    readonly kind: FailureKind,
    message: string,
  ) {
    super(message);
  }
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedAccess', 'WAFAccessDeniedException']);
const CREDENTIALS = new Set([
  'CredentialsProviderError', 'ExpiredToken', 'ExpiredTokenException', 'InvalidClientTokenId', 'UnrecognizedClientException',
  'SignatureDoesNotMatch', 'IncompleteSignature', 'InvalidAccessKeyId', 'InvalidSignatureException', 'MissingAuthenticationToken',
  'RequestExpired', 'TokenRefreshRequired', 'AuthFailure',
]);
const THROTTLED = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'RequestLimitExceeded', 'LimitExceeded', 'SlowDown', 'PriorRequestNotComplete']);
const NETWORK = new Set([
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT',
  'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'AbortError', 'UND_ERR_SOCKET', 'NetworkingError',
]);
const NOT_FOUND = new Set(['NoSuchEntity', 'NoSuchEntityException', 'WAFNonexistentItemException']);

export function failureKind(code: string): FailureKind {
  if (DENIED.has(code)) return 'denied';
  if (CREDENTIALS.has(code)) return 'credentials';
  if (THROTTLED.has(code)) return 'throttled';
  if (NETWORK.has(code)) return 'network';
  if (NOT_FOUND.has(code)) return 'not-found';
  if (code === 'NotRecorded') return 'not-recorded';
  return 'service';
}

/** Turns whatever an SDK call threw into an AwsCallError, without a stack trace in its message. */
export function toCallError(err: unknown): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = (err ?? {}) as { name?: unknown; code?: unknown; message?: unknown; Code?: unknown; cause?: unknown };
  const code = firstString(e.code, e.Code, e.name) ?? 'UnknownError';
  const kind = failureKind(code);
  // Node's network errors carry `code`; the SDK's service errors carry `name`.
  const byName = typeof e.name === 'string' ? failureKind(e.name) : 'service';
  const message = oneLine(typeof e.message === 'string' && e.message ? e.message : code);
  return new AwsCallError(code, kind === 'service' ? byName : kind, message);
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v !== '' && v !== 'Error') return v;
  return undefined;
}

function oneLine(s: string): string {
  const line = s.split('\n')[0] ?? s;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
