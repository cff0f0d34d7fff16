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
export function joinSections(sections: readonly (readonly string[])[]): string {
  const text = sections
    .filter((s) => s.length > 0)
    .map((s) => trimNewlines(s.join('\n')))
    .join('\n\n');
  return `${text}\n`;
}

function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return end === text.length ? text : text.slice(0, end);
}
