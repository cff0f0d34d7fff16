/**
 * Reading a file the user named, never more than a limit, and never waiting
 * for bytes that may not come.
 *
 * A path may name, or be a symbolic link (committed in a pull request) to, a
 * device or a pipe: `/dev/zero` gives bytes for ever, and a named pipe with no
 * writer, `/proc/self/fd/1` when the output is a pipe, or `/dev/kmsg` gives
 * none and would hold CI until its timeout. So an input must be a regular file,
 * unless the user wrote a standard stream's own path (`/dev/stdin`,
 * `/dev/fd/N`, `/proc/self/fd/N`): that path is the user's choice on the
 * command line, which a file in a repository cannot make. A stream is read as
 * its bytes come, and reading stops one byte past the limit.
 */
import { type Stats, closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { namesAStream } from './stream-names.js';

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

/** The path names something other than a regular file (or a directory, which the system refuses on reading): what it is. */
export class NotAFileError extends Error {
  constructor(
    readonly file: string,
    readonly kind: string,
  ) {
    super(`${file} is ${kind}`);
    this.name = 'NotAFileError';
  }
}


function kindOf(stat: Stats): string | undefined {
  if (stat.isFile() || stat.isDirectory()) return undefined;
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Why a path that is not a file was refused, in words shared by every reader:
 * `the file is a named pipe, not a regular file; name the file itself (to read
 * standard input, name /dev/stdin)`.
 */
export function notAFileText(kind: string, subject: string): string {
  return `${subject} is ${kind}, not a regular file; name the file itself (to read standard input, name /dev/stdin)`;
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
  const what = size === undefined ? `${subject} is a stream, and it gave more than ${mib(limit)} before ztm stopped reading` : `${subject} is ${mib(size)}`;
  return `${what}; ztm reads ${kind} up to ${mib(limit)}`;
}

/** What a device or pipe is read in at a time. */
const CHUNK = 1 << 20;

/**
 * The bytes of `file`, at most `maxBytes` of them; TooLargeError past them, and
 * NotAFileError for a device, pipe or socket not named as a stream (before it is
 * opened: opening a pipe waits for a writer). The system's own errors (ENOENT,
 * EISDIR, EACCES, ...) are passed on as they are.
 */
export function readBounded(file: string, maxBytes: number): Buffer {
  const kind = kindOf(statSync(file));
  if (kind !== undefined && !namesAStream(file)) throw new NotAFileError(file, kind);
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
