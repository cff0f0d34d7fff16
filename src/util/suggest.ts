import { closest, distance } from 'fastest-levenshtein';

/** The closest candidate when it is plausibly a typo of `input`, else undefined. */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.length === 0) return undefined;
  const best = closest(input, list);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(input, best) <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or an empty string. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const s = suggest(input, candidates);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}
