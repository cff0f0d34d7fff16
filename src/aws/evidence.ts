/**
 * The evidence file written by `ztm verify --record` and read by `--replay`:
 * every AWS answer the checks used, masked (see mask.ts), with the account,
 * Region and time of the recording.
 */
import { NotAFileError, TooLargeError, notAFileText, readBounded, tooLargeText } from '../util/bounded-read.js';
import { safeParseBounded, z } from '../util/zod.js';
import type { AwsAnswer, AwsRequest, FailureKind } from './gateway.js';
import { whyUnreadable } from '../util/unreadable.js';
import { jsonShapeProblem, twiceText } from '../util/json-scan.js';
import { positionIn } from '../model/source-map.js';

export const EVIDENCE_FORMAT = 1;

export interface EvidenceCall {
  /** Order of the call in the recording, from 1. */
  readonly seq: number;
  readonly service: AwsRequest['service'];
  readonly region: string;
  readonly operation: string;
  readonly input: Record<string, unknown>;
  readonly at: string;
  /** Present when AWS answered. */
  readonly answer?: AwsAnswer;
  /** Present when the call failed. */
  readonly error?: { readonly code: string; readonly kind: FailureKind; readonly message: string };
}

export interface EvidenceFile {
  readonly ztmEvidence: typeof EVIDENCE_FORMAT;
  readonly tool: string;
  readonly accountId: string | null;
  readonly region: string;
  readonly recordedAt: string;
  readonly calls: readonly EvidenceCall[];
}

const Kind = z.enum(['denied', 'credentials', 'throttled', 'network', 'not-found', 'not-recorded', 'service']);
const Call = z.object({
  seq: z.number().int().positive(),
  service: z.enum(['iam', 'wafv2']),
  region: z.string().min(1),
  operation: z.string().regex(/^[A-Z][A-Za-z0-9]+$/),
  input: z.record(z.string(), z.unknown()),
  at: z.string(),
  answer: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.string(), kind: Kind, message: z.string() }).optional(),
});
const File = z.object({
  ztmEvidence: z.literal(EVIDENCE_FORMAT),
  tool: z.string(),
  accountId: z.string().nullable(),
  region: z.string(),
  recordedAt: z.string(),
  calls: z.array(Call),
});

export class EvidenceFileError extends Error {
  override readonly name = 'EvidenceFileError';
}

/** Levels of lists and mappings an evidence file may nest: AWS answers (WAF rule statements among them) nest far fewer. */
export const MAX_EVIDENCE_DEPTH = 100;

export function parseEvidence(text: string, file: string): EvidenceFile {
  const shape = jsonShapeProblem(text, MAX_EVIDENCE_DEPTH);
  const at = (offset: number) => {
    const { line, column } = positionIn(text, offset);
    return `${file}:${line}:${column}: not a ztm evidence file`;
  };
  if (shape?.kind === 'too-deep') throw new EvidenceFileError(`${at(shape.offset)}: values nest more than ${MAX_EVIDENCE_DEPTH} levels deep here, and AWS answers nest far fewer`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new EvidenceFileError(`${file}: not JSON (${(err as Error).message})`);
  }
  if (shape) throw new EvidenceFileError(`${at(shape.offset)}: it ${twiceText(shape.key, positionIn(text, shape.first).line)}`);
  const parsed = safeParseBounded(File, json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'top level';
    throw new EvidenceFileError(`${file}: not a ztm evidence file (format ${EVIDENCE_FORMAT}): ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as EvidenceFile;
}

/** The largest evidence file read: the recorded answers of an account with thousands of roles stay far below it. */
export const MAX_EVIDENCE_BYTES = 256 * 1024 * 1024;

export function readEvidence(file: string): EvidenceFile {
  let text: string;
  try {
    text = readBounded(file, MAX_EVIDENCE_BYTES).toString('utf8');
  } catch (err) {
    if (err instanceof TooLargeError) throw new EvidenceFileError(`${file}: ${tooLargeText(err.size, err.limit, 'the evidence file', 'evidence files')}`);
    if (err instanceof NotAFileError) throw new EvidenceFileError(`${file}: ${notAFileText(err.kind, 'the evidence file')}`);
    throw new EvidenceFileError(`${file}: cannot read the evidence file: ${whyUnreadable(err)}`);
  }
  return parseEvidence(text, file);
}

/** The identity of a request for replay: service, Region, operation and input, key order ignored. */
export function requestKey(r: Pick<AwsRequest, 'service' | 'region' | 'operation' | 'input'>): string {
  return `${r.service}|${r.region}|${r.operation}|${canonicalJson(r.input)}`;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
