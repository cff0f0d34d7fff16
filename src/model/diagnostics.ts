/** A positioned message about an input file, and how it is printed. */
import { compareText } from '../util/compare.js';

export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  readonly file: string;
  /** 1-based; 0 when the message concerns the whole file. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** A stable machine-readable code, e.g. `unknown-reference`. */
  readonly code: string;
}

/** By file, line, column, message: code-unit order, the same on every machine and locale. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.message, b.message);
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(compareDiagnostics);
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** Thrown by loaders; carries every diagnostic of the file. Never shown as a stack. */
export class InputError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    // The first few only: a file can hold a million problems, and the message is for logs and tests.
    const more = diagnostics.length > 5 ? `; and ${diagnostics.length - 5} more` : '';
    super(`${diagnostics.slice(0, 5).map((d) => d.message).join('; ')}${more}`);
    this.name = 'InputError';
    this.diagnostics = sortDiagnostics(diagnostics);
  }
}
