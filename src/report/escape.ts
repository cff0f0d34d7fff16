/** Escaping of text that comes from a model, for each place it is shown. */

// C0/C1 controls (ESC starts terminal sequences), bidi overrides and isolates, zero-width joiners.
const UNSAFE_TERMINAL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/** Text safe to print to a terminal: no escape sequences, no bidi tricks. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
