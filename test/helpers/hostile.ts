/** Shared by the hostile-input tests (test/hostile-*.test.ts): temp files, timing, unsafe characters. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunResult, runZtm } from './cli.js';

export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `ztm-hostile-${prefix}-`));

/** Runs the CLI and measures the whole process (start-up included), in milliseconds. */
export function timedZtm(args: readonly string[], options: Parameters<typeof runZtm>[1] = {}): RunResult & { ms: number } {
  const started = performance.now();
  const r = runZtm(args, options);
  return { ...r, ms: performance.now() - started };
}

/** The SGR (colour) sequences chalk writes: ESC [ params m. */
export const CHALK_SGR = /\u001b\[[0-9;]*m/g;

/**
 * Characters a terminal (or a reader of a log) treats as something other than
 * visible text: C0 controls except the report's own newline, DEL and C1
 * controls, bidi embeddings/overrides/isolates/marks (Trojan Source), zero-width
 * characters, the word joiner, invisible operators and tag characters, the BOM,
 * and the Unicode line and paragraph separators.
 */
export const UNSAFE_TEXT = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/;

/** Each unsafe character of `text` with its offset, for a readable failure. */
export function unsafeChars(text: string): string[] {
  const out: string[] = [];
  const re = new RegExp(UNSAFE_TEXT.source, 'g');
  for (let m = re.exec(text); m !== null && out.length < 20; m = re.exec(text)) {
    out.push(`U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m.index}: …${JSON.stringify(text.slice(Math.max(0, m.index - 30), m.index + 10))}`);
  }
  return out;
}

/** A stack trace or a raw JavaScript error reached the user. */
export const STACK_TRACE = /\n\s+at |RangeError|TypeError|Maximum call stack|heap out of memory|internal error/;
