/**
 * `-o FILE` at awkward places. The report is written atomically (written to
 * a temporary file next to the target, renamed into place), so every outcome is
 * the whole report or nothing: no partial file, no temporary file left behind,
 * an existing file untouched when the write fails. A path that cannot be written
 * is bad usage: exit 2 and one line on stderr, not an internal error (exit 3).
 *
 * Symbolic links: a link at the target is replaced by the report, never written
 * through, whether it resolves or not (dangling, a loop): a link committed in a
 * pull request under a report's name must not make CI overwrite a file elsewhere.
 * Only a standard stream's own path (`/dev/stdout`, itself a link) is followed.
 *
 * A device or a pipe (`-o /dev/stdout`, `-o /dev/null`, a named pipe) is written
 * in place: replacing it would put a regular file where the device was.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, runZtm } from './helpers/cli.js';
import { tempDir } from './helpers/hostile.js';

const MODEL = 'fixtures/valid/orders-platform.yaml';
const OLD = '{"old": "report"}\n';
const report = (out: string) => runZtm(['analyze', MODEL, '--format', 'json', '--fail-on', 'none', '-o', out]);
const isRoot = process.getuid?.() === 0;

/** The whole JSON report, as a plain run to stdout prints it. */
const EXPECTED = runZtm(['analyze', MODEL, '--format', 'json', '--fail-on', 'none']).stdout;

function expectRefused(out: string, why: string): void {
  const r = report(out);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toBe(`ztm: cannot write ${out}: ${why}\n`);
}

describe('-o through a symbolic link', () => {
  it('to an existing file: the link is replaced by the whole report, and the file it named is untouched', () => {
    // As a pull request could commit REVIEW.md -> ../../.bashrc: CI must not write there.
    const dir = tempDir('o-link');
    const elsewhere = tempDir('o-link-victim');
    writeFileSync(join(elsewhere, 'target.json'), OLD);
    symlinkSync(join(elsewhere, 'target.json'), join(dir, 'link.json'));
    const r = report(join(dir, 'link.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`wrote ${join(dir, 'link.json')}\ngate: passed (--fail-on none)\n`);
    expect(lstatSync(join(dir, 'link.json')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'link.json'), 'utf8')).toBe(EXPECTED);
    expect(readFileSync(join(elsewhere, 'target.json'), 'utf8')).toBe(OLD);
    expect(readdirSync(dir)).toEqual(['link.json']);
    expect(readdirSync(elsewhere)).toEqual(['target.json']);
  });

  it('dangling: the link is replaced by the whole report (nothing is created where it pointed)', () => {
    const dir = tempDir('o-dangling');
    symlinkSync(join(dir, 'missing', 'target.json'), join(dir, 'link.json'));
    const r = report(join(dir, 'link.json'));
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isFile()).toBe(true);
    expect(readFileSync(join(dir, 'link.json'), 'utf8')).toBe(EXPECTED);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['link.json']);
  });

  it('in a loop (a -> b -> a): the link is replaced by the whole report', () => {
    const dir = tempDir('o-loop');
    symlinkSync(join(dir, 'b'), join(dir, 'a'));
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    const r = report(join(dir, 'a'));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe(EXPECTED);
    expect(lstatSync(join(dir, 'b')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['a', 'b']);
  });

  it('to a directory: the link is replaced by the report, the directory untouched', () => {
    const dir = tempDir('o-link-dir');
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'keep.json'), OLD);
    symlinkSync(join(dir, 'reports'), join(dir, 'link'));
    const r = report(join(dir, 'link'));
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'link'), 'utf8')).toBe(EXPECTED);
    expect(readdirSync(dir).sort()).toEqual(['link', 'reports']);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['keep.json']);
    expect(readFileSync(join(dir, 'reports', 'keep.json'), 'utf8')).toBe(OLD);
  });
});

describe('several reports, one of them at a directory', () => {
  it('exit 2 before any report is written: the others stay as they were', () => {
    const dir = tempDir('o-several-dir');
    writeFileSync(join(dir, 'k1.json'), OLD);
    mkdirSync(join(dir, 'adir'));
    for (const args of [['-o', join(dir, 'k1.json'), '--markdown', join(dir, 'adir')], ['-o', join(dir, 'adir'), '--sarif', join(dir, 'k1.json')]]) {
      const r = runZtm(['analyze', MODEL, '--format', 'json', '--fail-on', 'none', ...args]);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `ztm: cannot write ${join(dir, 'adir')}: it is a directory; give the path of a file\n`]);
      expect(readFileSync(join(dir, 'k1.json'), 'utf8')).toBe(OLD);
      expect(readdirSync(dir).sort()).toEqual(['adir', 'k1.json']);
      expect(readdirSync(join(dir, 'adir'))).toEqual([]);
    }
  });
});

describe('-o at a device or a pipe: written in place, never replaced', () => {
  // Renaming a finished report over /dev/null, as root, would put a regular file in its place:
  // a device or a pipe gets the report written into it, and stays what it was.
  const canMakeDevices = (() => {
    const probe = join(tempDir('o-mknod'), 'null');
    try {
      execFileSync('mknod', [probe, 'c', '1', '3'], { stdio: 'ignore' });
      return true;
    } catch {
      return false; // not root, or a container without CAP_MKNOD
    }
  })();

  it('a named pipe: the reader at its other end gets the whole report; the pipe stays a pipe', async () => {
    const dir = tempDir('o-fifo');
    const fifo = join(dir, 'report.pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (d: string) => (received += d));
    const ended = new Promise((done) => reader.on('close', done));
    const r = await new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = spawn(process.execPath, [BIN, 'analyze', MODEL, '--format', 'json', '--fail-on', 'none', '-o', fifo], { env: { ...process.env, NO_COLOR: '1', ZTM_TODAY: '2026-12-01' } });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => done({ code, stderr }));
    });
    await ended;
    expect([r.code, r.stderr]).toEqual([0, `wrote ${fifo}\ngate: passed (--fail-on none)\n`]);
    expect(received).toBe(EXPECTED);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['report.pipe']);
  });

  it.skipIf(!canMakeDevices)('a character device (a copy of /dev/null): stays a device, beside a report written whole', () => {
    const dir = tempDir('o-device');
    const device = join(dir, 'null');
    execFileSync('mknod', [device, 'c', '1', '3']);
    const r = runZtm(['analyze', MODEL, '--format', 'json', '--fail-on', 'none', '-o', device, '--markdown', join(dir, 'review.md')]);
    expect([r.code, r.stderr]).toEqual([0, `wrote ${device}\nwrote ${join(dir, 'review.md')}\ngate: passed (--fail-on none)\n`]);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['null', 'review.md']);
  });

  it('/dev/stdout when stdout is a socket: the report goes to the descriptor itself', () => {
    // spawnSync gives the child a socket for stdout, which no path opens: ztm writes to descriptor 1, as the shell left it.
    const r = report('/dev/stdout');
    expect([r.code, r.stdout, r.stderr]).toEqual([0, EXPECTED, 'wrote /dev/stdout\ngate: passed (--fail-on none)\n']);
    expect(lstatSync('/dev/stdout').isSymbolicLink()).toBe(true);
  });

  it('/dev/stdout through a shell pipe: the report arrives on stdout', () => {
    const r = spawnSync('sh', ['-c', '"$1" "$2" analyze "$3" --format json --fail-on none -o /dev/stdout | cat', 'sh', process.execPath, BIN, MODEL], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ZTM_TODAY: '2026-12-01' } });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, EXPECTED, 'wrote /dev/stdout\ngate: passed (--fail-on none)\n']);
  });

  it('/dev/stdout, however written, when stdout is a file: written where the shell left it, around what the script writes, and /dev/stdout stays a link', () => {
    // As root, `-o /dev//stdout` used to replace the system's /dev/stdout link with a regular file, and
    // `-o /dev/stdout` replaced the file behind it, losing what the script wrote before and after.
    const dir = tempDir('o-stdout-file');
    for (const path of ['/dev/stdout', '/dev//stdout', '/dev/./stdout', '/dev/../dev/stdout', '/proc/self/fd/1']) {
      const out = join(dir, 'out.txt');
      writeFileSync(out, 'EARLIER\n');
      const r = spawnSync('sh', ['-c', '{ echo HEAD; "$1" "$2" analyze "$3" --format json --fail-on none -o "$4"; echo FOOT; } >> "$5"', 'sh', process.execPath, BIN, MODEL, path, out], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ZTM_TODAY: '2026-12-01' } });
      expect([r.status, r.stderr], path).toEqual([0, `wrote ${path}\ngate: passed (--fail-on none)\n`]);
      expect(readFileSync(out, 'utf8'), path).toBe(`EARLIER\nHEAD\n${EXPECTED}FOOT\n`);
      expect(lstatSync('/dev/stdout').isSymbolicLink(), path).toBe(true);
    }
  });

  it('a link to a device or a pipe (a committed REVIEW.md -> /dev/null): exit 2, the link and the device untouched', () => {
    const dir = tempDir('o-link-device');
    symlinkSync('/dev/null', join(dir, 'REVIEW.md'));
    expectRefused(join(dir, 'REVIEW.md'), 'it is a symbolic link to a device or a pipe, and ztm does not write through links; name the device itself, or remove the link');
    expect(readlinkSync(join(dir, 'REVIEW.md'))).toBe('/dev/null');
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('-o where no file can be written', () => {
  it('a directory: exit 2, a clear message, the directory and its parent untouched', () => {
    const dir = tempDir('o-dir');
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'keep.json'), OLD);
    expectRefused(join(dir, 'out'), 'it is a directory; give the path of a file');
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(dir, 'out', 'keep.json'), 'utf8')).toBe(OLD);
  });

  it('a path whose parent is a regular file (unwritable even for root): exit 2, the file untouched', () => {
    const dir = tempDir('o-notdir');
    writeFileSync(join(dir, 'file'), OLD);
    expectRefused(join(dir, 'file', 'report.json'), 'a part of the path is not a directory');
    expect(readdirSync(dir)).toEqual(['file']);
    expect(readFileSync(join(dir, 'file'), 'utf8')).toBe(OLD);
  });

  it('a directory that does not exist: exit 2, nothing created', () => {
    const dir = tempDir('o-missing');
    expectRefused(join(dir, 'missing', 'report.json'), 'its directory does not exist');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a place where the kernel creates no file (/proc): exit 2', () => {
    expectRefused('/proc/version', 'no file can be created there');
  });

  // chmod does not stop root, so this case needs an ordinary user (CI runs as one).
  it.skipIf(isRoot)('a read-only directory: exit 2, the existing report untouched, no temporary file', () => {
    const dir = tempDir('o-readonly');
    writeFileSync(join(dir, 'report.json'), OLD);
    chmodSync(dir, 0o555);
    try {
      expectRefused(join(dir, 'report.json'), 'permission denied');
      expect(readdirSync(dir)).toEqual(['report.json']);
      expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe(OLD);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('the same refusal for the other formats and for ztm diff -o', () => {
    const dir = tempDir('o-formats');
    mkdirSync(join(dir, 'out'));
    for (const format of ['terminal', 'markdown', 'sarif']) {
      const r = runZtm(['analyze', MODEL, '--format', format, '-o', join(dir, 'out')]);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `ztm: cannot write ${join(dir, 'out')}: it is a directory; give the path of a file\n`]);
    }
    writeFileSync(join(dir, 'a.json'), EXPECTED);
    const r = runZtm(['diff', join(dir, 'a.json'), join(dir, 'a.json'), '-o', join(dir, 'out')]);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `ztm: cannot write ${join(dir, 'out')}: it is a directory; give the path of a file\n`]);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'out']);
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });
});
