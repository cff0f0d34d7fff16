/** Where the CLI writes: stdout for results, stderr for diagnostics and progress. */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Diagnostic } from '../model/diagnostics.js';
import { terminalSafe } from '../report/escape.js';
import { plural } from '../util/thousands.js';
import type { Palette } from '../report/palette.js';
import { type ReportText, batched } from '../report/report-text.js';
import { FileWriteError, type FileText, LINK_TO_DEVICE, writeFilesAtomically } from '../util/atomic-file.js';

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** `file:line:col: error: message`, the form editors and CI logs link. */
export function formatDiagnostic(d: Diagnostic, palette: Palette): string {
  const where = d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file;
  const label = d.severity === 'error' ? palette.error('error') : palette.warning('warning');
  return `${terminalSafe(where)}: ${label}: ${terminalSafe(d.message)}`;
}

/**
 * Diagnostics printed before the rest are only counted: a generated or damaged file can
 * hold a million problems, and a CI log of a million lines helps no one. The first ones
 * (in file order) are the ones to fix; the rest often follow from them.
 */
export const MAX_PRINTED_DIAGNOSTICS = 200;

export function printDiagnostics(io: Io, list: readonly Diagnostic[], palette: Palette): void {
  const shown = list.slice(0, MAX_PRINTED_DIAGNOSTICS);
  const lines = shown.map((d) => `${formatDiagnostic(d, palette)}\n`);
  if (list.length > shown.length) {
    const rest = list.slice(shown.length);
    const errors = rest.filter((d) => d.severity === 'error').length;
    const parts = [errors ? plural(errors, 'more error') : '', rest.length - errors ? plural(rest.length - errors, 'more warning') : ''].filter(Boolean);
    lines.push(`ztm: ${parts.join(' and ')} not shown; fix the first ones, then check again\n`);
  }
  io.stderr(lines.join(''));
}


/**
 * Each command's action is bundled apart from the entry (see scripts/build.mjs),
 * so an action throws its own copy of the class: recognize it by a registered
 * symbol, not by `instanceof`.
 */
const OUTPUT_ERROR = Symbol.for('ztm.OutputError');
export const isOutputError = (err: unknown): err is OutputError =>
  typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[OUTPUT_ERROR] === true;

/** An output file (-o, --record) that cannot be written: bad usage, exit 2, not an internal error. */
export class OutputError extends Error {
  readonly [OUTPUT_ERROR] = true;
  constructor(file: string, why: string) {
    super(`cannot write ${terminalSafe(file)}: ${why}`);
    this.name = 'OutputError';
  }
}

const UNWRITABLE: Record<string, string> = {
  EISDIR: 'it is a directory; give the path of a file',
  ENOTDIR: 'a part of the path is not a directory',
  ENOENT: 'its directory does not exist',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  ELOOP: 'too many symbolic links in the path',
  ENAMETOOLONG: 'the path is too long',
  ENXIO: 'nothing can be written there (a socket, or a device with nothing behind it); leave out -o to write to stdout',
  EPIPE: 'the reader at the other end of the pipe stopped reading',
  EBADF: 'no such descriptor is open',
  [LINK_TO_DEVICE]: 'it is a symbolic link to a device or a pipe, and ztm does not write through links; name the device itself, or remove the link',
};

/** Write a whole file or nothing (see util/atomic-file.ts); a refusal becomes an OutputError. */
export async function writeOutput(file: string, text: ReportText | string): Promise<void> {
  await writeOutputs([{ file, text }]);
}

/** Write every file in full or none of them (see util/atomic-file.ts); a refusal becomes an OutputError naming its file. */
export async function writeOutputs(files: readonly FileText[]): Promise<void> {
  try {
    await writeFilesAtomically(files);
  } catch (err) {
    if (!(err instanceof FileWriteError)) throw err;
    const { code, file } = err;
    const why = code === 'ENOENT' && existsSync(dirname(file)) ? 'no file can be created there' : UNWRITABLE[code];
    throw new OutputError(file, why ?? `the system refused it (${code})`);
  }
}

/** A command's result: to the -o file (saying so on stderr), or to stdout. */
export async function deliver(io: Io, output: string | undefined, text: ReportText | string): Promise<void> {
  await deliverAll(io, output ? [{ file: output, text }] : [], output ? undefined : text);
}

/**
 * Reports to files, every one in full or none (each file said on stderr once
 * all are in place), then the one for stdout, if any: a refused file leaves
 * stdout empty.
 */
export async function deliverAll(io: Io, files: readonly FileText[], stdout?: ReportText | string): Promise<void> {
  if (files.length > 0) {
    await writeOutputs(files);
    for (const { file } of files) io.stderr(`wrote ${terminalSafe(file)}\n`);
  }
  if (stdout !== undefined) for (const chunk of batched(stdout)) io.stdout(chunk);
}
