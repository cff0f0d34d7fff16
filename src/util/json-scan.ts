/**
 * What JSON.parse lets through and ztm must not, found by one scan of the text
 * before it is parsed (linear, no value built):
 * - nesting: JSON.parse takes any depth, but the code that reads a value after
 *   it (canonical keys of replayed requests, JSON.stringify of a report)
 *   recurses, so a file nested 100,000 deep would overflow the stack there;
 * - a key written twice in one object: JSON.parse keeps the last, while a
 *   person reading the file sees the first (a second `"threats": []` would
 *   empty a baseline without anyone noticing).
 */
export type JsonShapeProblem =
  /** `offset`: the `[` or `{` that opens the level past the limit. */
  | { readonly kind: 'too-deep'; readonly offset: number }
  /** `offset`: the second key's opening quote; `first`: the first's; `key` as JSON.parse reads it. */
  | { readonly kind: 'duplicate-key'; readonly key: string; readonly offset: number; readonly first: number };

/**
 * The first key written twice in one object, or the first `[` or `{` past `maxDepth` levels
 * (which wins, wherever it is: past it, nothing else may read the text), or undefined.
 * Text that is not JSON gives some answer or none; JSON.parse says what is wrong with it.
 */
export function jsonShapeProblem(text: string, maxDepth: number): JsonShapeProblem | undefined {
  const keys = new ObjectKeys(text, maxDepth + 1);
  /** Per level: 1 when it is an object. */
  const isObject = new Uint8Array(maxDepth + 2);
  let depth = 0;
  let expectKey = false;
  let duplicate: JsonShapeProblem | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote, past escaped characters.
      const start = i;
      let escaped = false;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) {
          i++;
          escaped = true;
        }
      }
      if (expectKey && duplicate === undefined && depth > 0) duplicate = keys.add(depth, start, i, escaped);
      expectKey = false;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return { kind: 'too-deep', offset: i };
      isObject[depth] = c === 0x7b ? 1 : 0;
      expectKey = c === 0x7b;
      keys.open(depth);
    } else if (c === 0x2c) expectKey = depth > 0 && isObject[depth] === 1;
    else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) keys.close(depth--);
      expectKey = false;
    }
  }
  return duplicate;
}

/** What is wrong with a key written twice, after the file's name: `has the key "threats" twice in one object, first on line 3; ...`. */
export function twiceText(key: string, firstLine: number): string {
  return `has the key ${JSON.stringify(key)} twice in one object, first on line ${firstLine}; JSON readers keep only the last one while a person reading the file sees the first, so remove one of them`;
}

/**
 * Keys of an object compared in place, by their text, up to this many; past it (or once a key
 * has an escape, `"\u0061"` being `a`), the object's keys go into a Map. Most objects of a report
 * have a few keys, and comparing them where they are written is faster than a Map of copies.
 */
const SMALL = 16;

/** The keys of the objects open at each level of the scan, with where each is written. */
class ObjectKeys {
  /** Offsets of the opening and closing quotes of the keys of the open objects, SMALL at most per level. */
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private top = 0;
  /** Per level: where its keys start in `from`/`to`, and its Map once it has one. */
  private readonly base: Int32Array;
  private readonly maps: (Map<string, number> | undefined)[];

  constructor(private readonly text: string, levels: number) {
    this.from = new Int32Array(levels * SMALL);
    this.to = new Int32Array(levels * SMALL);
    this.base = new Int32Array(levels);
    this.maps = new Array<undefined>(levels).fill(undefined);
  }

  open(depth: number): void {
    this.base[depth] = this.top;
    this.maps[depth] = undefined;
  }

  close(depth: number): void {
    this.top = this.base[depth]!;
  }

  /** The key from quote `start` to quote `end` in the object at `depth`: the problem when the object has it already. */
  add(depth: number, start: number, end: number, escaped: boolean): JsonShapeProblem | undefined {
    const { text, from, to } = this;
    let map = this.maps[depth];
    if (map === undefined) {
      const base = this.base[depth]!;
      for (let k = base; k < this.top; k++) {
        if (sameText(text, from[k]!, to[k]!, start, end)) return { kind: 'duplicate-key', key: text.slice(start + 1, end), offset: start, first: from[k]! };
      }
      if (!escaped && this.top - base < SMALL) {
        from[this.top] = start;
        to[this.top++] = end;
        return undefined;
      }
      map = this.maps[depth] = new Map();
      for (let k = base; k < this.top; k++) map.set(text.slice(from[k]! + 1, to[k]), from[k]!);
    }
    const key = escaped ? decoded(text.slice(start, end + 1)) : text.slice(start + 1, end);
    const first = map.get(key);
    if (first === undefined) map.set(key, start);
    return first === undefined ? undefined : { kind: 'duplicate-key', key, offset: start, first };
  }
}

/** Whether text[a, aEnd] and text[b, bEnd] (each a quoted key) are the same characters. */
function sameText(text: string, a: number, aEnd: number, b: number, bEnd: number): boolean {
  if (aEnd - a !== bEnd - b) return false;
  for (let j = 1; j < aEnd - a; j++) if (text.charCodeAt(a + j) !== text.charCodeAt(b + j)) return false;
  return true;
}

/** A key's text with its escapes decoded (`"\u0061"` is the key `a`), or as written when it is not valid JSON. */
function decoded(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
