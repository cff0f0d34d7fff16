/**
 * A list of names inside one line of text (a gate line, a summary): the first ten
 * and how many more, so a gate that fails on 30,000 threats stays one readable
 * line. The report itself lists every one.
 */
export function shortList(names: readonly string[], shown = 10): string {
  const more = names.length > shown ? `, and ${names.length - shown} more` : '';
  return `${names.slice(0, shown).join(', ')}${more}`;
}
