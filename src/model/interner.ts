/**
 * One shared value per distinct list of strings: thousands of elements that
 * declare the same controls or carry the same data share one immutable Set or
 * array instead of allocating their own. Lists are matched element by element
 * through a trie, so no key string is built per lookup.
 */
interface Trie<T> {
  value?: T;
  readonly next: Map<string, Trie<T>>;
}

export class Interner<T> {
  private readonly root: Trie<T> = { next: new Map() };

  constructor(private readonly make: (values: readonly string[]) => T) {}

  get(values: readonly string[]): T {
    let node = this.root;
    for (let i = 0; i < values.length; i++) {
      const key = values[i]!;
      let child = node.next.get(key);
      if (child === undefined) node.next.set(key, (child = { next: new Map() }));
      node = child;
    }
    if (!('value' in node)) node.value = this.make(values);
    return node.value as T;
  }
}
