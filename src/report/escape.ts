/** Escaping of text that comes from a model, for each place it is shown. */

// Past the C0 controls: DEL and the C1 controls (U+009B is a CSI, as ESC [ is), bidi marks,
// overrides and isolates, zero-width joiners and spaces, the word joiner and the invisible
// operators, the BOM, and the Unicode line and paragraph separators.
const UNSAFE_PAST_C0 = '\\u007F-\\u009F\\u061C\\u200B-\\u200F\\u2028\\u2029\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u2069\\uFEFF';
// The invisible tag characters U+E0000 to U+E007F (a pair of UTF-16 code units each).
const TAG_CHARACTERS = '\\uDB40[\\uDC00-\\uDC7F]';

// The C0 controls too (ESC starts terminal sequences; a newline or tab from a model would start
// or shift a line of the report).
const UNSAFE_TERMINAL = new RegExp(`[\\u0000-\\u001F${UNSAFE_PAST_C0}]|${TAG_CHARACTERS}`, 'g');

/** A character as its `\u` escape; a tag character, two code units, as two. */
const asUnicodeEscape = (c: string): string => {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
};

/** Text safe to print to a terminal as part of one line: no escape sequences, no line breaks, no bidi tricks. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_TERMINAL, asUnicodeEscape);
}

/** What JSON.stringify leaves as it is of the characters a terminal acts on (it escapes the C0 controls itself). */
const UNSAFE_IN_JSON = new RegExp(`[${UNSAFE_PAST_C0}]|${TAG_CHARACTERS}`, 'g');
const HAS_UNSAFE_IN_JSON = new RegExp(UNSAFE_IN_JSON.source);

/**
 * JSON text with every character a terminal or viewer acts on written as a
 * `\uXXXX` escape: the same value to any JSON reader, and inert text to a
 * terminal that shows the file (`ztm analyze --format json` to a screen, `cat`,
 * a CI log). Outside strings JSON text is ASCII, so only string contents change.
 */
export function inertJson(json: string): string {
  return HAS_UNSAFE_IN_JSON.test(json) ? json.replace(UNSAFE_IN_JSON, asUnicodeEscape) : json;
}

/**
 * Whether source text (YAML) can make no string with such a character: it holds
 * none, and no escape of a double-quoted scalar (`\x85`, `\u202E`, `\U…`, `\N`,
 * `\L`, `\P`) that could write one. Conservative: a backslash-letter anywhere counts.
 */
export function sourceIsPlain(text: string): boolean {
  return !HAS_UNSAFE_IN_JSON.test(text) && !/\\[xuUNLP]/.test(text);
}

// Mermaid marks entity codes with the placeholders "\uFB02\u00B0" (for "&") and
// "\u00B6\u00DF" (for ";") and replaces them again after decoding the label, so
// those characters typed in a name would turn into "&" and ";" (showing "<" for
// "\uFB02\u00B0\u00B060\u00B6\u00DF"). A word joiner after the first character of each
// pair keeps the text looking the same and breaks the pair.
const MERMAID_PLACEHOLDER_START = /[\uFB02\u00B6]/g;
const WORD_JOINER = '\u2060';

/**
 * The text a diagram label shows for `text`: one line (any run of whitespace,
 * newlines included, becomes one space) with control, bidi and zero-width
 * characters made visible as `\uXXXX`, as in the terminal.
 */
export function diagramLabelText(text: string): string {
  return terminalSafe(text.replace(/\s+/g, ' ').trim()).replace(MERMAID_PLACEHOLDER_START, (c) => c + WORD_JOINER);
}

// Shown as is inside a Mermaid label: letters, marks, digits, space and punctuation
// that means nothing to Mermaid, Markdown or HTML. Everything else becomes a code.
const MERMAID_LABEL_SAFE = /^[\p{L}\p{M}\p{N} .,_\-()/]$/u;

/**
 * The body of a double-quoted Mermaid label (`id["..."]`) for `text`: the visible
 * text of {@link diagramLabelText}, with every character outside a small safe set
 * written as Mermaid's decimal entity code (`#34;` for `"`, `#35;` for `#`,
 * `#60;` for `<`). Mermaid turns the codes into HTML character references, so
 * they show as text: nothing in the label can close the quotes, start a comment
 * or directive (`%%`), add a statement (`click`, `end`, `style`), or become markup.
 */
export function escapeMermaidLabel(text: string): string {
  let out = '';
  for (const ch of diagramLabelText(text)) out += MERMAID_LABEL_SAFE.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside HTML element content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

// What escapeMarkdown changes character by character: `&`, `<`, `>` become HTML entities, and
// characters that start Markdown syntax anywhere in a line (code spans, emphasis, links and
// images `[`, table cells, strikethrough, headings' closing marks, escapes) get a backslash.
const MARKDOWN_CHANGES = new Map<string, string>([
  ['&', '&amp;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
  ...[...'\\`*_[]|~#'].map((c): [string, string] => [c, `\\${c}`]),
]);
// Those characters and the ones terminalSafe shows as codes: the sets share no character, so
// one pass makes each change a pass of its own would.
const MARKDOWN_CHANGED = new RegExp(`[&<>\\\\\`*_[\\]|~#]|${UNSAFE_TERMINAL.source}`, 'g');
const markdownChange = (c: string): string => MARKDOWN_CHANGES.get(c) ?? terminalSafe(c);
// At the start of a line, these make a list item, quote, heading underline or thematic break
// (`---`, `-- -`: any leading `-` is escaped).
const MARKDOWN_LINE_START = /^(-|\+(?= |$)|=|\d+(?=[.)](?: |$)))/;
// Whitespace other than single spaces between other characters: what the one-line rule changes.
const UNEVEN_SPACE = /[^\S ]| {2}|^ | $/;

/**
 * `text` as one line of inert Markdown that is also inert HTML: whitespace runs
 * (newlines included) become one space, `&`, `<`, `>` become HTML entities (so no
 * tag, comment or entity survives), Markdown punctuation is backslash-escaped (so no
 * code span, emphasis, link or table cell break `|` survives), a leading list or
 * heading mark is escaped, and control, bidi and zero-width characters are shown as
 * `\uXXXX`. Safe in a paragraph, a list item, a heading and a table cell.
 */
// Text with nothing to escape: the common case of statements and names, returned as is. The arrow
// joins the hops of attack paths in statements and recommendations; it is neither whitespace,
// Markdown or HTML syntax, nor a character terminalSafe changes.
const INERT_MARKDOWN = /^[A-Za-z(][A-Za-z0-9 ,.;:'"()/@!?%$+=\u2192-]*$/;

export function escapeMarkdown(text: string): string {
  if (INERT_MARKDOWN.test(text) && !text.includes('  ') && !text.endsWith(' ')) return text;
  const oneLine = UNEVEN_SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
  // Codes are written before a leading mark is looked for: each starts with a backslash, which neither
  // is nor follows a mark, so the same marks are found as in the text before.
  return oneLine.replace(MARKDOWN_CHANGED, markdownChange).replace(MARKDOWN_LINE_START, (m) => (/\d/.test(m) ? `${m}\\` : `\\${m}`));
}

// Ids, rule ids, flow names and control ids as the format restricts them.
const PLAIN_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/-]*(?:->[A-Za-z0-9][A-Za-z0-9._:@/-]*)?$/;

/** An identifier as a Markdown code span when it is a plain id; otherwise escaped text. */
export function markdownId(id: string): string {
  return PLAIN_ID.test(id) ? `\`${id}\`` : escapeMarkdown(id);
}
