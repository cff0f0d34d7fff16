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
  const lines = tableHead(headers, align);
  for (const row of rows) lines.push(tableRow(row));
  return lines;
}

/** A table's header and rule lines: the rows follow, one {@link tableRow} each. */
export function tableHead(headers: readonly string[], align?: readonly ('l' | 'r' | 'c')[]): string[] {
  return [tableRow(headers), tableRow(headers.map((_, i) => ({ l: '---', r: '--:', c: ':-:' })[align?.[i] ?? 'l']))];
}

/** One table line: `| a | b |`, an empty cell written as one space. */
export function tableRow(cells: readonly string[]): string {
  let line = '|';
  for (const c of cells) line += c === '' ? '   |' : ` ${c} |`;
  return line;
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

/** Characters in one piece of the document: about a megabyte. */
const PIECE_SIZE = 1 << 20;

/**
 * A document's text from its sections (each a sequence of lines, read as the
 * writer asks for more), in pieces of about a megabyte: sections separated by
 * one blank line, trailing newlines of a section dropped, empty sections left
 * out, the document ending with one newline. The same text as joining each
 * section's lines with newlines and the sections with blank lines.
 */
export function* documentText(sections: Iterable<Iterable<string>>): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  let started = false;
  for (const section of sections) {
    // The line with text last seen, held until the next one shows it is not the section's last
    // (the last loses its trailing newlines), and the newline-only lines after it.
    let last: string | undefined;
    const blank: string[] = [];
    let empty = true;
    for (const line of section) {
      if (empty) {
        if (started) parts.push('\n\n');
        started = true;
        empty = false;
      }
      if (isBlank(line)) {
        blank.push(line);
        continue;
      }
      if (last !== undefined) {
        parts.push(last, '\n');
        size += last.length;
      }
      for (const b of blank) parts.push(b, '\n');
      blank.length = 0;
      last = line;
      if (size >= PIECE_SIZE) {
        yield parts.join('');
        parts = [];
        size = 0;
      }
    }
    if (last !== undefined) parts.push(trimNewlines(last));
  }
  parts.push('\n');
  yield parts.join('');
}

/** Empty, or newlines only. */
function isBlank(text: string): boolean {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === 0;
}

function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}
