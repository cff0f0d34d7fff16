/**
 * Positions of YAML nodes, recorded while js-yaml parses (its `listener` hook)
 * into a table of typed arrays (one row per node, no object per node), and
 * resolved lazily: parsing stays linear, and only the paths a message or a
 * report needs are ever turned into line and column.
 *
 * A parse may record only the nodes near the root (where the elements a report
 * locates are written): the map then parses the text again, recording every
 * node, the first time a path goes deeper, which only messages about a model's
 * details do.
 */

export interface Position {
  readonly line: number; // 1-based
  readonly column: number; // 1-based
}

export type PathSegment = string | number;

/** Node kinds as stored in `FrameTable.kind`. */
export const NODE = { empty: 0, scalar: 1, sequence: 2, mapping: 3, alias: 4 } as const;
/** Set on a node js-yaml opened around another node of the same value (block-sequence items, explicit keys). */
const WRAPPER = 8;
/** Set on a node whose children were not recorded (see FrameTable.truncate). */
const TRUNCATED = 16;
const KIND_MASK = 7;
const NONE = -1;

/**
 * Nodes in the order the parser opened them: [start, end) offsets, first child,
 * next sibling, kind, and the value the parser built (for matching keys).
 */
export class FrameTable {
  count = 0;
  start: Int32Array;
  end: Int32Array;
  first: Int32Array;
  next: Int32Array;
  kind: Uint8Array;
  values: unknown[];
  /** Objects that carry an anchor, to follow aliases into them. */
  readonly anchored = new Map<object, number>();
  root = NONE;
  /** Alias nodes (`*name`), recorded or not: without any, the values are a tree no larger than the text. */
  aliases = 0;
  /** Some nodes were not recorded: the table cannot answer for paths below them. */
  partial = false;

  constructor(capacity: number) {
    const n = Math.max(64, capacity);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
    this.first = new Int32Array(n);
    this.next = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.values = new Array<unknown>(n).fill(undefined);
  }

  open(position: number): number {
    const i = this.count++;
    if (i === this.start.length) this.grow();
    this.start[i] = position;
    this.first[i] = NONE;
    this.next[i] = NONE;
    this.kind[i] = 0;
    return i;
  }

  /** Node `i` has children that are not recorded. */
  truncate(i: number): void {
    this.kind[i]! |= TRUNCATED;
    this.partial = true;
  }

  /** Records the end of node `i`, a child of `parent` after sibling `previous` (NONE for none). */
  close(i: number, position: number, kind: string | null, result: unknown, anchor: string | null, parent: number, previous: number): void {
    this.end[i] = position;
    let k = nodeKind(kind, result);
    if (k === NODE.alias) this.aliases++;
    this.values[i] = result;
    const only = this.first[i]!;
    if (only !== NONE && this.next[only] === NONE && (this.kind[only]! & KIND_MASK) === k && this.values[only] === result) k |= WRAPPER;
    this.kind[i] = k | (this.kind[i]! & TRUNCATED);
    if (anchor !== null && result !== null && typeof result === 'object' && !this.anchored.has(result)) this.anchored.set(result, i);
    if (parent === NONE) this.root = i;
    else if (previous === NONE) this.first[parent] = i;
    else this.next[previous] = i;
  }

  private grow(): void {
    const n = this.start.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.start = widen(this.start, (m) => new Int32Array(m));
    this.end = widen(this.end, (m) => new Int32Array(m));
    this.first = widen(this.first, (m) => new Int32Array(m));
    this.next = widen(this.next, (m) => new Int32Array(m));
    this.kind = widen(this.kind, (m) => new Uint8Array(m));
    const grown = new Array<unknown>(n).fill(undefined);
    for (let i = 0; i < this.count; i++) grown[i] = this.values[i];
    this.values = grown;
  }

  /** A node that was not recorded closes: only aliases are counted. */
  skip(kind: string | null, result: unknown): void {
    if (nodeKind(kind, result) === NODE.alias) this.aliases++;
  }

  /** The node itself, or the node it wraps. */
  unwrap(i: number): number {
    let f = i;
    while (this.kind[f]! & WRAPPER) f = this.first[f]!;
    return f;
  }

  /** The node, or one it wraps, lacks recorded children: its own position and content are unknown here. */
  truncatedAt(i: number): boolean {
    let f = i;
    for (;;) {
      const k = this.kind[f]!;
      if (k & TRUNCATED) return true;
      if (!(k & WRAPPER)) return false;
      f = this.first[f]!;
    }
  }

  /** A list or mapping of its own (not one wrapping another node). */
  isCollection(i: number): boolean {
    const k = this.kind[i]!;
    return k === NODE.mapping || k === NODE.sequence;
  }

  kindOf(i: number): number {
    return this.kind[this.unwrap(i)]! & KIND_MASK;
  }

  /** The most lists and mappings nested in one another, from the root down. */
  collectionDepth(): number {
    if (this.root === NONE) return 0;
    let deepest = 0;
    const nodes = [this.root];
    const levels = [this.isCollection(this.root) ? 1 : 0];
    while (nodes.length > 0) {
      const i = nodes.pop()!;
      const level = levels.pop()!;
      if (level > deepest) deepest = level;
      for (let c = this.first[i]!; c !== NONE; c = this.next[c]!) {
        nodes.push(c);
        levels.push(level + (this.isCollection(c) ? 1 : 0));
      }
    }
    return deepest;
  }
}

/** A node's kind from what js-yaml leaves in its state when the node closes. */
function nodeKind(kind: string | null, result: unknown): number {
  if (kind === 'scalar') return NODE.scalar;
  if (kind === 'mapping') return NODE.mapping;
  if (kind === 'sequence') return NODE.sequence;
  return result === null ? NODE.empty : NODE.alias;
}

/** The table and the values of a parse that recorded every node. */
export interface FullParse {
  readonly table: FrameTable;
  readonly value: unknown;
}

/** find's answer when the path goes below the nodes the table recorded. */
const BELOW_RECORDED = -2;

interface Located {
  /** The mapping key or the list item. */
  readonly key: number;
  /** The value's node; NONE when the entry has none (`{ a }`, `? a`). */
  readonly value: number;
}

/** A mapping's entries indexed so far, and the key node to go on from (NONE once all are). */
interface EntryIndex {
  readonly entries: Map<string, Located>;
  next: number;
}

export class SourceMap {
  private lineStarts: number[] | undefined;
  private readonly itemIndex = new Map<number, number[]>();
  private readonly entryIndex = new Map<number, EntryIndex>();

  /**
   * `full` parses the text again recording every node; it is needed when `table`
   * is partial and a path goes below what it recorded.
   */
  constructor(
    readonly text: string,
    private table: FrameTable,
    private value: unknown,
    private full?: () => FullParse,
  ) {}

  /** Only near-root nodes are recorded so far. */
  get partial(): boolean {
    return this.table.partial;
  }

  /** The most lists and mappings nested in one another, from the root down. */
  collectionDepth(): number {
    if (this.table.partial) this.useFull();
    return this.table.collectionDepth();
  }

  private useFull(): void {
    if (!this.full) throw new Error('a partial source map needs the full parse');
    const { table, value } = this.full();
    this.table = table;
    this.value = value;
    this.full = undefined;
    this.itemIndex.clear();
    this.entryIndex.clear();
  }

  /** Position of the value at `path` (or the closest ancestor that exists); an empty value points at its key. */
  valueAt(path: readonly PathSegment[]): Position {
    return this.toPosition(this.find(path, false));
  }

  /** Position of the key naming `path`'s last segment (a mapping key or a list item). */
  keyAt(path: readonly PathSegment[]): Position {
    return this.toPosition(this.find(path, true));
  }

  offsetToPosition(offset: number): Position {
    return this.toPosition(offset);
  }

  private find(path: readonly PathSegment[], wantKey: boolean): number {
    // Aliases lead anywhere in the file, anchors may be below the recorded nodes.
    if (this.table.partial && this.table.aliases > 0) this.useFull();
    const found = this.findIn(path, wantKey);
    if (found !== BELOW_RECORDED) return found;
    this.useFull();
    return this.findIn(path, wantKey);
  }

  private findIn(path: readonly PathSegment[], wantKey: boolean): number {
    const t = this.table;
    if (t.root === NONE) return 0;
    if (t.truncatedAt(t.root)) return BELOW_RECORDED;
    let node = t.unwrap(t.root);
    let value: unknown = this.value;
    let best = this.contentStart(t.start[node]!);
    for (let i = 0; i < path.length; i++) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, path[i]!)) break;
      if (t.kindOf(node) === NODE.alias) {
        const target = t.anchored.get(value);
        if (target === undefined) break;
        node = t.unwrap(target);
      }
      const located = Array.isArray(value) ? this.item(node, Number(path[i]), value.length) : this.entry(node, String(path[i]));
      if (!located) break;
      value = (value as Record<PathSegment, unknown>)[path[i]!];
      const keyStart = this.contentStart(t.start[located.key]!);
      const last = i === path.length - 1;
      if (located.value === NONE || (last && wantKey)) {
        best = keyStart;
        break;
      }
      if (t.truncatedAt(located.value)) return BELOW_RECORDED;
      node = t.unwrap(located.value);
      best = t.kindOf(node) === NODE.empty ? keyStart : this.contentStart(t.start[node]!);
    }
    return best;
  }

  private item(seq: number, index: number, length: number): Located | undefined {
    const t = this.table;
    if (t.kindOf(seq) !== NODE.sequence) return undefined;
    const items = this.itemsOf(seq);
    // An empty block item (`-` alone) has no node: then the items cannot be matched by index.
    if (items.length !== length) return undefined;
    const c = items[index];
    return c === undefined ? undefined : { key: c, value: c };
  }

  /**
   * The entry of a mapping by key, from an index built as far as lookups need (the first of a key
   * wins, as js-yaml refuses duplicates): the problems listed in a long mapping are its first
   * ones, and indexing a million entries for them took most of a second.
   */
  private entry(map: number, key: string): Located | undefined {
    const t = this.table;
    if (t.kindOf(map) !== NODE.mapping) return undefined;
    let index = this.entryIndex.get(map);
    if (!index) this.entryIndex.set(map, (index = { entries: new Map(), next: t.first[map]! }));
    const { entries } = index;
    const known = entries.get(key);
    if (known !== undefined) return known;
    for (let c = index.next; c !== NONE; ) {
      const at = c;
      const hasValue = this.followedByColon(t.end[at]!);
      const v = hasValue ? t.next[at]! : NONE;
      const k = t.unwrap(at);
      const kk = t.kind[k]! & KIND_MASK;
      c = v === NONE ? t.next[at]! : t.next[v]!;
      if (kk !== NODE.scalar && kk !== NODE.alias && kk !== NODE.empty) continue;
      const name = String(t.values[k]);
      if (entries.has(name)) continue;
      const located = { key: at, value: v };
      entries.set(name, located);
      if (name === key) {
        index.next = c;
        return located;
      }
    }
    index.next = NONE;
    return undefined;
  }

  /** The item nodes of a sequence, indexed once: lookups stay O(1) in large models. */
  private itemsOf(seq: number): number[] {
    let items = this.itemIndex.get(seq);
    if (!items) {
      const t = this.table;
      items = [];
      for (let c = t.first[seq]!; c !== NONE; c = t.next[c]!) items.push(c);
      this.itemIndex.set(seq, items);
    }
    return items;
  }

  /** After blanks, line breaks and comments, a ':' follows: the node is a mapping key. */
  private followedByColon(offset: number): boolean {
    const i = this.skipBlanks(offset, true);
    return this.text.charCodeAt(i) === 58; // ':'
  }

  private skipBlanks(offset: number, comments: boolean): number {
    const t = this.text;
    let i = offset;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 35 && comments) while (i < t.length && t.charCodeAt(i) !== 10) i++;
      else return i;
    }
  }

  /** Skip the blanks and comments js-yaml had not consumed when it opened the node. */
  private contentStart(offset: number): number {
    const i = this.skipBlanks(offset, true);
    return i < this.text.length ? i : offset;
  }

  private toPosition(offset: number): Position {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}

/** 1-based line and column of `offset` in `text`. */
export function positionIn(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
