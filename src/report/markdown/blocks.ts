/**
 * Markdown building blocks shared by the design-review document and the diff
 * comment. Every function takes text that is already escaped (escapeMarkdown,
 * markdownId): these only arrange it.
 */
import type { Severity, Status } from '../../analysis/threat.js';
import { escapeMarkdown } from '../escape.js';
import type { ReferenceLink } from '../references.js';

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
  for (const cell of cells) line += ` ${cell || ' '} |`;
  return line;
}

/** The table line of `cell` followed by the cells of `row` (a {@link tableRow} line): `tableRow([cell, ...cells])`. */
export function withFirstCell(cell: string, row: string): string {
  return `| ${cell || ' '} ${row}`;
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
export { plural } from '../../util/thousands.js';

/** Characters in one run of lines (see linesInRuns): as many as in a piece, so a run makes one. */
const RUN_SIZE = 1 << 16;

/**
 * The line `write` makes of each item, in runs of about RUN_SIZE characters:
 * each run one string, its lines separated by newlines, which a section yields
 * where it would yield each line. For sections of thousands of lines: the loop
 * over the items runs in a plain function called once a run (profiled, the same
 * loop in the section's generator, yielding each line, ran several times slower),
 * and the document joins far fewer parts.
 */
export function* linesInRuns<T>(items: readonly T[], write: (item: T, index: number) => string): Generator<string> {
  for (let start = 0; start < items.length; ) {
    const run: string[] = [];
    start = fillRun(items, start, write, run);
    yield run.join('\n');
  }
}

/** Writes lines from items[start] on into `run` until it holds RUN_SIZE characters; the index of the next item. */
function fillRun<T>(items: readonly T[], start: number, write: (item: T, index: number) => string, run: string[]): number {
  let size = 0;
  let i = start;
  while (i < items.length && size < RUN_SIZE) {
    const line = write(items[i]!, i);
    run.push(line);
    size += line.length;
    i++;
  }
  return i;
}

/** Characters in one piece of the document: small enough to die young; writers regroup pieces (see batched). */
const PIECE_SIZE = 1 << 16;

/**
 * A document's text from its sections (each a sequence of lines, read as the
 * writer asks for more), in pieces of about 64 K characters: sections separated by
 * one blank line, trailing newlines of a section dropped, empty sections left
 * out, the document ending with one newline. The same text as joining each
 * section's lines with newlines and the sections with blank lines.
 */
export function* documentText(sections: Iterable<Iterable<string>>): Generator<string> {
  // Lines go into `parts` with a newline between two lines of a section and a blank line between
  // sections; a section's lines are only looked at where it ends, or where a piece is cut.
  let parts: string[] = [];
  let size = 0;
  let started = false;
  for (const section of sections) {
    let first = -1; // where the section's first line is in `parts`
    for (const line of section) {
      if (first < 0) {
        if (started) parts.push('\n\n');
        started = true;
        first = parts.length;
      } else parts.push('\n');
      parts.push(line);
      size += line.length;
      if (size >= PIECE_SIZE && !isBlank(line)) {
        // The section could end at this line, which would then lose its trailing newlines: it starts the next piece.
        parts.pop();
        yield pieceOf(parts);
        parts = [line];
        first = 0;
        size = line.length;
      }
    }
    if (first >= 0) trimSection(parts, first);
  }
  parts.push('\n');
  yield pieceOf(parts);
}

/**
 * The text of `parts`: joined, or, for a run of lines and the newline after it, the two put together
 * without copying the run (V8 keeps the pair as one string of two halves until it is written).
 */
function pieceOf(parts: readonly string[]): string {
  return parts.length === 2 ? parts[0]! + parts[1]! : parts.join('');
}

/** Drops the section's trailing newlines: its last lines if blank, and those that end its last other line. */
function trimSection(parts: string[], first: number): void {
  let last = parts.length - 1; // lines are at first, first + 2, ...: a newline between two
  while (last > first && isBlank(parts[last]!)) last -= 2;
  parts.length = last + 1;
  parts[last] = trimNewlines(parts[last]!); // '' for a section of blank lines only, still set off from its neighbours
}

/** The length of `text` without its trailing newlines. */
function contentEnd(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end;
}

/** Empty, or newlines only. */
function isBlank(text: string): boolean {
  return contentEnd(text) === 0;
}

function trimNewlines(text: string): string {
  const end = contentEnd(text);
  return end === text.length ? text : text.slice(0, end);
}
