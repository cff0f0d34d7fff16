/**
 * A report as the pieces of its text, in order: the report is their
 * concatenation. Large reports never become one string: V8 refuses a string
 * longer than 2^29 - 24 characters (about 512 MiB), which the JSON report of a
 * 50,000-component model nearly reaches. Writers take the pieces as they come.
 */
export type ReportText = Iterable<string>;

/** The whole text, for small reports and tests. */
export function joinText(text: ReportText | string): string {
  return typeof text === 'string' ? text : [...text].join('');
}

/** The pieces regrouped into runs of about `size` characters: few, large writes. */
export function* batched(text: ReportText | string, size = 1 << 20): Generator<string> {
  if (typeof text === 'string') {
    yield text;
    return;
  }
  let run: string[] = [];
  let length = 0;
  for (const piece of text) {
    run.push(piece);
    length += piece.length;
    if (length >= size) {
      yield run.join('');
      run = [];
      length = 0;
    }
  }
  if (run.length > 0) yield run.join('');
}
