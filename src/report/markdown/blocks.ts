/**
 * Markdown building blocks shared by the design-review document and the diff
 * comment. Every function takes text that is already escaped (escapeMarkdown,
 * markdownId): these only arrange it.
 */
import type { Severity, Status } from '../../analysis/threat.js';
import { escapeMarkdown } from '../escape.js';
import type { ReferenceLink } from '../references.js';
import { thousands } from '../../util/thousands.js';

/** A GitHub-flavoured table; cells must be one line each (escapeMarkdown guarantees it). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r' | 'c')[]): string[] {
  const rule = headers.map((_, i) => ({ l: '---', r: '--:', c: ':-:' })[align?.[i] ?? 'l']);
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(headers), line(rule), ...rows.map(line)];
}

/** A heading followed by a blank line. */
export function heading(level: number, text: string): string[] {
  return [`${'#'.repeat(level)} ${text}`, ''];
}

/** A link when the URL is known, else the escaped label alone. */
export function link(ref: ReferenceLink): string {
  const label = escapeMarkdown(ref.label);
  return ref.url ? `[${label}](${ref.url})` : label;
}

export function severityText(s: Severity): string {
  return s === 'critical' || s === 'high' ? `**${s}**` : s;
}

export const STATUS_TEXT: Record<Status, string> = {
  open: 'open',
  'acceptance-expired': '**acceptance expired**',
  accepted: 'accepted',
  mitigated: 'mitigated',
};

/** `1 threat`, `2 threats`, `1,204 threats`. */
export function plural(n: number, word: string): string {
  return `${thousands(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Lines joined into one piece of the document: pieces of about a megabyte. */
const LINES_PER_PIECE = 4000;

/**
 * A document's text from its sections (each a list of lines), in pieces of a
 * few thousand lines: sections separated by one blank line, trailing newlines
 * of a section dropped, empty sections left out, the document ending with one
 * newline. The same text as joining each section and the sections.
 */
export function* documentText(sections: Iterable<readonly string[]>): Generator<string> {
  let separator = '';
  for (const section of sections) {
    if (section.length === 0) continue;
    // The section's text ends at its last line with anything but newlines.
    let end = section.length;
    let last = '';
    while (end > 0 && (last = trimNewlines(section[end - 1]!)) === '') end--;
    if (end === 0) {
      yield separator;
    } else {
      for (let i = 0; i < end - 1; i += LINES_PER_PIECE) {
        yield `${i === 0 ? separator : '\n'}${section.slice(i, Math.min(i + LINES_PER_PIECE, end - 1)).join('\n')}`;
      }
      yield `${end > 1 ? '\n' : separator}${last}`;
    }
    separator = '\n\n';
  }
  yield '\n';
}

function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}
