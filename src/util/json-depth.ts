/**
 * How deep a JSON text nests, found by one scan of the text before it is
 * parsed. JSON.parse takes any depth, but the code that reads a value after it
 * (canonical keys of replayed requests, JSON.stringify of a report) recurses,
 * so a file nested 100,000 deep would overflow the stack there.
 */

/** The offset of the first `[` or `{` that opens level `max + 1`, or -1 when the text nests no deeper than `max`. */
export function tooDeepAt(text: string, max: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote, past escaped characters.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return i;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return -1;
}
