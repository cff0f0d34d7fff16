/**
 * Several files are renamed into place all or none: when a rename fails (a file
 * made immutable, a directory put in its place between the checks and the
 * renames), the files renamed before it are put back as they were. The failure
 * is made by the system call itself, replaced for one call.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  return { ...real, rename: vi.fn(real.rename) };
});

const { FileWriteError, writeFilesAtomically } = await import('../src/util/atomic-file.js');
const rename = vi.mocked(fsp.rename);
const real = (await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises')).rename;

/** The rename onto `target` is refused as an immutable file's would be; every other rename runs. */
function refuseRenameOnto(target: string): void {
  rename.mockImplementation(async (from, to) => {
    if (String(to) === target && String(from).endsWith('.tmp')) throw Object.assign(new Error(`EPERM: operation not permitted, rename '${from}' -> '${to}'`), { code: 'EPERM' });
    return real(from, to);
  });
}

afterEach(() => {
  rename.mockReset();
});

describe('writeFilesAtomically when a rename fails', () => {
  it('puts back the files renamed before it (an old one as it was, a new one removed) and leaves no temporary or kept file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-rollback-'));
    const [a, b, c] = ['a.json', 'b.md', 'c.sarif'].map((f) => join(dir, f)) as [string, string, string];
    writeFileSync(a, 'old a\n');
    writeFileSync(c, 'old c\n');
    refuseRenameOnto(c);
    const failure = await writeFilesAtomically([
      { file: a, text: ['new a\n'] },
      { file: b, text: ['new b\n'] },
      { file: c, text: ['new c\n'] },
    ]).then(() => undefined, (err: unknown) => err);
    expect(failure).toBeInstanceOf(FileWriteError);
    expect(failure).toMatchObject({ file: c, code: 'EPERM' });
    expect(readFileSync(a, 'utf8')).toBe('old a\n');
    expect(readFileSync(c, 'utf8')).toBe('old c\n');
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'c.sarif']);
  });

  it('with every rename allowed, writes every file and keeps nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ztm-rollback-'));
    const [a, b] = ['a.json', 'b.md'].map((f) => join(dir, f)) as [string, string];
    writeFileSync(a, 'old a\n');
    rename.mockImplementation(real);
    await writeFilesAtomically([
      { file: a, text: ['new a\n'] },
      { file: b, text: 'new b\n' },
    ]);
    expect([readFileSync(a, 'utf8'), readFileSync(b, 'utf8')]).toEqual(['new a\n', 'new b\n']);
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.md']);
  });
});
