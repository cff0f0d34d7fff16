/**
 * The limits an input meets before anything reads it: readBounded reads a file
 * up to a size, however the file reports its size (a regular file knows it; a
 * device or a pipe says 0), and jsonShapeProblem finds JSON nested past a depth
 * or with a key twice in one object.
 */
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotAFileError, TooLargeError, notAFileText, readBounded, tooLargeText } from '../src/util/bounded-read.js';
import { namesAStream } from '../src/util/stream-names.js';
import { jsonShapeProblem } from '../src/util/json-scan.js';

const dir = mkdtempSync(join(tmpdir(), 'ztm-bounded-'));
const MIB = 1024 * 1024;

/** The error readBounded throws, for its fields. */
function refusal(read: () => unknown): TooLargeError {
  try {
    read();
  } catch (err) {
    if (err instanceof TooLargeError) return err;
    throw err;
  }
  throw new Error('read without a refusal');
}

/** A named pipe fed by another process with `bytes` (as a checked-in link could name one). */
function fifoWith(name: string, bytes: Buffer): string {
  const source = join(dir, `${name}.bin`);
  writeFileSync(source, bytes);
  const fifo = join(dir, name);
  execFileSync('mkfifo', [fifo]);
  // The writer may be cut off when the reader stops early: that is the point.
  spawn('sh', ['-c', 'cat "$1" > "$2" 2>/dev/null', 'sh', source, fifo], { stdio: 'ignore' }).on('error', () => undefined);
  return fifo;
}

describe('readBounded', () => {
  it('reads a regular file of exactly the limit, and refuses one byte more from its size alone', () => {
    const file = join(dir, 'exact.txt');
    writeFileSync(file, 'x'.repeat(1000));
    expect(readBounded(file, 1000).toString()).toBe('x'.repeat(1000));
    const e = refusal(() => readBounded(file, 999));
    expect([e.file, e.size, e.limit]).toEqual([file, 1000, 999]);
  });

  it('refuses a device, a named pipe and a socket by what they are, without opening them (a pipe would wait for a writer)', () => {
    const what = (file: string) => {
      try {
        readBounded(file, 10);
      } catch (err) {
        if (err instanceof NotAFileError) return [err.file, err.kind];
        throw err;
      }
      throw new Error('read without a refusal');
    };
    const pipe = join(dir, 'no-writer');
    execFileSync('mkfifo', [pipe]);
    expect(what('/dev/zero')).toEqual(['/dev/zero', 'a character device']);
    expect(what(pipe)).toEqual([pipe, 'a named pipe']);
    expect(notAFileText('a named pipe', 'the baseline')).toBe('the baseline is a named pipe, not a regular file; name the file itself (to read standard input, name /dev/stdin)');
  });

  it('takes /dev/stdin, /dev/stdout, /dev/stderr, /dev/fd/N and /proc/self/fd/N as streams, as written only', () => {
    expect(['/dev/stdin', '/dev/stdout', '/dev/stderr', '/dev/fd/0', '/dev/fd/12', '/proc/self/fd/1'].filter(namesAStream)).toHaveLength(6);
    expect(['/dev/stdout/', 'x/dev/stdin', '/dev/fd/', '/dev/fd/1/x', '/proc/1/fd/0', '/dev/zero', './dev/stdin'].filter(namesAStream)).toEqual([]);
  });

  /** A stream as a user names one: the descriptor of `file`, opened by this process (without waiting), as /dev/fd/N. */
  const asStream = (file: string) => `/dev/fd/${openSync(file, constants.O_RDONLY | constants.O_NONBLOCK)}`;

  it('stops reading a device named as a stream one byte past the limit, across several chunks', () => {
    const e = refusal(() => readBounded(asStream('/dev/zero'), 3 * MIB + 5));
    expect([e.size, e.limit]).toEqual([undefined, 3 * MIB + 5]);
  });

  it('reads a pipe named as a stream whole when it ends within the limit, and refuses it when it does not', () => {
    const bytes = randomBytes(2.5 * MIB);
    expect(readBounded(asStream(fifoWith('whole', bytes)), 3 * MIB).equals(bytes)).toBe(true);
    expect(refusal(() => readBounded(asStream(fifoWith('long', bytes)), 2 * MIB)).size).toBeUndefined();
  });

  it('passes on the system refusal of a missing file or a directory', () => {
    expect(() => readBounded(join(dir, 'missing'), 10)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => readBounded(dir, 10)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });

  it('words a refusal with the size when known, else as a device or pipe', () => {
    expect(tooLargeText(50 * MIB, 32 * MIB, 'the file', 'files')).toBe('the file is 50 MiB; ztm reads files up to 32 MiB');
    expect(tooLargeText(40_000_000, 32 * MIB, 'the baseline', 'reports')).toBe('the baseline is 38.1 MiB; ztm reads reports up to 32 MiB');
    expect(tooLargeText(undefined, 32 * MIB, 'the file', 'files')).toBe('the file is a stream, and it gave more than 32 MiB before ztm stopped reading; ztm reads files up to 32 MiB');
  });
});

describe('jsonShapeProblem', () => {
  const deep = (text: string, max: number) => jsonShapeProblem(text, max);
  it('finds the bracket that opens the level past the limit, ignoring brackets inside strings', () => {
    expect(deep('{"a":[[1]]}', 3)).toBeUndefined();
    expect(deep('{"a":[[[1]]]}', 3)).toEqual({ kind: 'too-deep', offset: 7 });
    expect(deep('{"a":"[[[[[[\\"{{{{"}', 1)).toBeUndefined();
    expect(deep('[[],[],[[]]]', 2)).toEqual({ kind: 'too-deep', offset: 8 });
  });

  it('finds a key written twice in one object: at the second, with the first', () => {
    expect(jsonShapeProblem('{"a":1,"b":2,"a":3}', 10)).toEqual({ kind: 'duplicate-key', key: 'a', offset: 13, first: 1 });
    expect(jsonShapeProblem('{"x":{"a":1},"y":{"a":1},"z":[{"a":1},{"a":"a"}]}', 10)).toBeUndefined();
    expect(jsonShapeProblem('{"a":{"b":1},"b":2}', 10)).toBeUndefined();
    expect(jsonShapeProblem('{"a":{"b":1,"c":{}},"a":2}', 10)).toEqual({ kind: 'duplicate-key', key: 'a', offset: 20, first: 1 });
    expect(jsonShapeProblem('{ "k" : "v" , "v" : "k" , "k":0}', 10)).toEqual({ kind: 'duplicate-key', key: 'k', offset: 26, first: 2 });
  });

  it('reads keys as JSON.parse does: escapes decoded, escaped quotes inside a key', () => {
    expect(jsonShapeProblem('{"a":1,"\\u0061":2}', 10)).toEqual({ kind: 'duplicate-key', key: 'a', offset: 7, first: 1 });
    expect(jsonShapeProblem('{"a\\"b":1,"a\\"b":2}', 10)).toMatchObject({ kind: 'duplicate-key', offset: 10 });
    expect(jsonShapeProblem('{"ab":1,"a\\"":2,"a":3}', 10)).toBeUndefined();
  });

  it('finds a repeated key among many, and a deeper level past a repeated key', () => {
    const many = (n: number, extra: string) => `{${Array.from({ length: n }, (_, i) => `"k${i}":${i}`).join(',')}${extra}}`;
    expect(jsonShapeProblem(many(100_000, ''), 10)).toBeUndefined();
    expect(jsonShapeProblem(many(100_000, ',"k99999":0'), 10)).toMatchObject({ kind: 'duplicate-key', key: 'k99999' });
    expect(jsonShapeProblem(many(5, ',"k3":0'), 10)).toMatchObject({ kind: 'duplicate-key', key: 'k3' });
    expect(jsonShapeProblem('{"a":1,"a":2,"b":[[[]]]}', 2)).toEqual({ kind: 'too-deep', offset: 18 });
  });
});
