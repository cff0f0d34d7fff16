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

/** Sections separated by one blank line, the document ending in one newline. */
/**
 * A document's text from its sections (each a list of lines), one piece per
 * section: sections separated by one blank line, empty ones left out, the
 * document ending with one newline.
 */
export function* documentText(sections: Iterable<readonly string[]>): Generator<string> {
  let first = true;
  for (const section of sections) {
    if (section.length === 0) continue;
    yield `${first ? '' : '\n\n'}${trimNewlines(section.join('\n'))}`;
    first = false;
  }
  yield '\n';
}

function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}
