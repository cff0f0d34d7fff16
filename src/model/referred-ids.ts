/**
 * The ids of one section of a model, remembering which ones something refers
 * to: the reference checks look each reference up once, and the warnings about
 * unused entries need no second pass over the flows.
 */
export interface IdList extends Iterable<string> {
  has(id: string): boolean;
}

export class ReferredIds implements IdList {
  private readonly referred = new Map<string, boolean>();

  constructor(ids: readonly string[]) {
    for (const id of ids) this.referred.set(id, false);
  }

  get size(): number {
    return this.referred.size;
  }

  has(id: string): boolean {
    return this.referred.has(id);
  }

  /** Whether `id` exists; if it does, it counts as referred to. */
  refer(id: string): boolean {
    const seen = this.referred.get(id);
    if (seen === undefined) return false;
    if (!seen) this.referred.set(id, true);
    return true;
  }

  isReferred(id: string): boolean {
    return this.referred.get(id) === true;
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this.referred.keys();
  }
}
