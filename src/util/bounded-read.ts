/**
 * Reading a file the user named, never more than a limit. A size check before
 * reading is not enough: a path may name (or be a symbolic link to) a device or
 * a pipe, whose size is 0 however much it holds. `/dev/zero` would otherwise be
 * read until memory runs out. Here the bytes are counted as they come, and
 * reading stops one byte past the limit.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The file holds more than the limit: its size when the system knows it (a regular file), else undefined. */
export class TooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly size: number | undefined,
    readonly limit: number,
  ) {
    super(`${file} holds more than ${limit} bytes`);
    this.name = 'TooLargeError';
  }
}

const MIB = 1024 * 1024;

/** `32 MiB`, `38.1 MiB`. */
export function mib(bytes: number): string {
  return `${Number.isInteger(bytes / MIB) ? bytes / MIB : (bytes / MIB).toFixed(1)} MiB`;
}

/**
 * Why a file was refused, in words shared by every reader: `the file is 50 MiB;
 * ztm reads files up to 32 MiB`, or, for a device or pipe, that it gave more than
 * the limit before ztm stopped reading. `subject` names the file (`the file`, `the
 * old report`), `kind` what ztm reads (`files`, `reports`).
 */
export function tooLargeText(size: number | undefined, limit: number, subject: string, kind: string): string {
  const what = size === undefined ? `${subject} is not a regular file, and it gave more than ${mib(limit)} before ztm stopped reading` : `${subject} is ${mib(size)}`;
  return `${what}; ztm reads ${kind} up to ${mib(limit)}`;
}

/** What a device or pipe is read in at a time. */
const CHUNK = 1 << 20;

/**
 * The bytes of `file`, at most `maxBytes` of them, or TooLargeError. The
 * system's own errors (ENOENT, EISDIR, EACCES, ...) are passed on as they are.
 */
export function readBounded(file: string, maxBytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() && stat.size > maxBytes) throw new TooLargeError(file, stat.size, maxBytes);
    // A regular file in one read, with a byte to spare that shows it did not grow since; anything else in chunks.
    const chunks: Buffer[] = [];
    let total = 0;
    let chunk = Buffer.allocUnsafe(stat.isFile() ? stat.size + 1 : Math.min(CHUNK, maxBytes + 1));
    let used = 0;
    for (;;) {
      const n = readSync(fd, chunk, used, chunk.length - used, null);
      if (n === 0) break;
      used += n;
      total += n;
      if (total > maxBytes) throw new TooLargeError(file, undefined, maxBytes);
      if (used === chunk.length) {
        chunks.push(chunk);
        chunk = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
        used = 0;
      }
    }
    if (chunks.length === 0) return chunk.subarray(0, used);
    chunks.push(chunk.subarray(0, used));
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
