/**
 * What kind of value a file holds, and its size, without its text: for the
 * messages about a file that is not what ztm expected (a `.env` file given as
 * a model, rule file, config or report), which must not copy its secrets into
 * a CI log.
 */
import { plural } from './thousands.js';

export function valueKind(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return `a list of ${plural(v.length, 'item')}`;
  if (typeof v === 'string') return `a string of ${plural(v.length, 'character')}`;
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'boolean') return 'a boolean (true or false)';
  return `a ${typeof v}`;
}

/** A format version as a message shows it: the number, else only what kind of value it is. */
export function versionValue(v: unknown): string {
  return typeof v === 'number' ? String(v) : valueKind(v);
}
