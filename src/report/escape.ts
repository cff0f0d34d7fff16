/** Escaping of text that comes from a model, for each place it is shown. */

// C0/C1 controls (ESC starts terminal sequences), bidi overrides and isolates, zero-width joiners.
const UNSAFE_TERMINAL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Text safe to print to a terminal: no escape sequences, no bidi tricks. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The text a diagram label shows for `text`: one line (any run of whitespace,
 * newlines included, becomes one space) with control, bidi and zero-width
 * characters made visible as `\uXXXX`, as in the terminal.
 */
export function diagramLabelText(text: string): string {
  return terminalSafe(text.replace(/\s+/g, ' ').trim());
}

// Shown as is inside a Mermaid label: letters, marks, digits, space and punctuation
// that means nothing to Mermaid, Markdown or HTML. Everything else becomes a code.
const MERMAID_LABEL_SAFE = /^[\p{L}\p{M}\p{N} .,_\-()/]$/u;
// Mermaid's own placeholder for entity codes (U+FB02) is a letter: never pass it through.
const MERMAID_PLACEHOLDER = '\uFB02';

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
  for (const ch of diagramLabelText(text)) {
    out += MERMAID_LABEL_SAFE.test(ch) && ch !== MERMAID_PLACEHOLDER ? ch : `#${ch.codePointAt(0)};`;
  }
  return out;
}
