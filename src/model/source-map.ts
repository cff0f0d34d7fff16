/**
 * Positions of YAML nodes, recorded while js-yaml parses (its `listener` hook)
 * and resolved lazily: parsing stays linear, and only the paths a message or a
 * report needs are ever turned into line and column.
 */

export interface Position {
  readonly line: number; // 1-based
  readonly column: number; // 1-based
}

/** A node as the parser saw it: [start, end) offsets, scalar value, children. */
export interface Frame {
  start: number;
  end: number;
  scalar?: unknown;
  children?: Frame[];
}

export type PathSegment = string | number;

export class SourceMap {
  private lineStarts: number[] | undefined;

  constructor(
    readonly text: string,
    private readonly root: Frame | undefined,
    private readonly frames: WeakMap<object, Frame>,
    private readonly value: unknown,
  ) {}

  /** Position of the value at `path` (or the closest ancestor that exists). */
  valueAt(path: readonly PathSegment[]): Position {
    return this.toPosition(this.contentStart(this.find(path, false)));
  }

  /** Position of the key naming `path`'s last segment (a mapping key or a list item). */
  keyAt(path: readonly PathSegment[]): Position {
    return this.toPosition(this.contentStart(this.find(path, true)));
  }

  offsetToPosition(offset: number): Position {
    return this.toPosition(offset);
  }

  private find(path: readonly PathSegment[], wantKey: boolean): number {
    let frame = this.root;
    let value: unknown = this.value;
    let best = frame?.start ?? 0;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i]!;
      const last = i === path.length - 1;
      if (value === null || typeof value !== 'object') break;
      const parentFrame = (this.frames.get(value) ?? frame) as Frame | undefined;
      const child: unknown = (value as Record<PathSegment, unknown>)[seg];
      if (!parentFrame) break;
      const located = Array.isArray(value)
        ? this.itemFrame(parentFrame, Number(seg))
        : this.entryFrames(parentFrame, String(seg));
      if (!located) break;
      best = last && wantKey ? located.key.start : (located.value ?? located.key).start;
      value = child;
      frame = located.value;
      if (child !== null && typeof child === 'object') {
        const own = this.frames.get(child);
        if (own) {
          frame = own;
          if (!(last && wantKey)) best = own.start;
        }
      }
      if (!frame) break;
    }
    return best;
  }

  private itemFrame(seq: Frame, index: number): { key: Frame; value: Frame } | undefined {
    const item = seq.children?.[index];
    return item ? { key: item, value: unwrap(item) } : undefined;
  }

  private entryFrames(map: Frame, key: string): { key: Frame; value: Frame | undefined } | undefined {
    const kids = map.children ?? [];
    for (let i = 0; i < kids.length; i++) {
      const k = unwrap(kids[i]!);
      if (k.children !== undefined || String(k.scalar) !== key || !this.followedByColon(kids[i]!.end)) continue;
      const next = kids[i + 1];
      const value = next && !this.isKey(next) ? next : undefined;
      return { key: kids[i]!, value };
    }
    return undefined;
  }

  private isKey(frame: Frame): boolean {
    return frame.children === undefined && this.followedByColon(frame.end);
  }

  private followedByColon(offset: number): boolean {
    const t = this.text;
    let i = offset;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    return t.charCodeAt(i) === 58; // ':'
  }

  /** Skip the blanks and comments js-yaml had not consumed when it opened the node. */
  private contentStart(offset: number): number {
    const t = this.text;
    let i = offset;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else if (c === 58 && i === offset) i++; // a value opened right at its ':'
      else if (c === 35) while (i < t.length && t.charCodeAt(i) !== 10) i++;
      else break;
    }
    return i < t.length ? i : offset;
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

/** js-yaml wraps block-sequence items and explicit keys in a scalar frame of the same span. */
function unwrap(frame: Frame): Frame {
  let f = frame;
  while (f.scalar !== undefined && f.children?.length === 1) f = f.children[0]!;
  return f;
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
