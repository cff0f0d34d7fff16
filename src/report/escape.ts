/** Escaping of text that comes from a model, for each place it is shown. */

// C0/C1 controls (ESC starts terminal sequences), bidi overrides and isolates, zero-width joiners.
const UNSAFE_TERMINAL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Text safe to print to a terminal: no escape sequences, no bidi tricks. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
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
