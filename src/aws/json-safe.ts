/**
 * SDK outputs made plain JSON, so that a live answer, a recorded one and a replayed
 * one look the same to the checks: Dates become ISO strings, byte arrays become
 * UTF-8 text (the one binary answer ztm reads is the credential report, a CSV),
 * `$metadata` is dropped.
 */
import type { AwsAnswer } from './gateway.js';

export function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return new TextDecoder('utf-8').decode(value);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata' || v === undefined) continue;
      out[k] = jsonSafe(v);
    }
    return out;
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export function jsonSafeAnswer(value: unknown): AwsAnswer {
  const safe = jsonSafe(value);
  return safe !== null && typeof safe === 'object' && !Array.isArray(safe) ? (safe as AwsAnswer) : {};
}
