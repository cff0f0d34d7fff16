/** Where the CLI writes: stdout for results, stderr for diagnostics and progress. */
import writeFileAtomic from 'write-file-atomic';
import type { Diagnostic } from '../model/diagnostics.js';
import { terminalSafe } from '../report/escape.js';
import type { Palette } from '../report/palette.js';

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
  return `${oneLine(terminalSafe(where))}: ${label}: ${oneLine(terminalSafe(d.message))}`;
}

/** A line break quoted from the model (a key, a value) would start a line that reads as a diagnostic of its own. */
const oneLine = (text: string): string => text.replace(/\n/g, '\\u000a');

export function printDiagnostics(io: Io, list: readonly Diagnostic[], palette: Palette): void {
  for (const d of list) io.stderr(`${formatDiagnostic(d, palette)}\n`);
}

/** Write a whole file or nothing: a temporary file renamed into place. */
export async function writeOutput(file: string, content: string): Promise<void> {
  await writeFileAtomic(file, content, { encoding: 'utf8' });
}
