/**
 * One id, one element: a component, boundary, data asset and flow `id` may
 * not share an id, and none may be `account`. Threats are located, accepted
 * (`on:`) and identified (`rule@element`) by these ids, so a shared one would
 * put a flow's threats at a component and make acceptances ambiguous. Two
 * flows with the same name are the duplicate-flow error of the reference
 * checks; a flow without an id is named `from->to`, which no id can be.
 */
import type { Architecture } from './schema.js';
import type { PathSegment, Position, SourceMap } from './source-map.js';

/** The element a threat on the whole AWS account is on. */
export const ACCOUNT_ELEMENT = 'account';

interface Named {
  readonly what: 'boundary' | 'data asset' | 'component' | 'flow';
  readonly path: PathSegment[];
}

type Report = (path: PathSegment[], code: string, message: string, key?: boolean) => void;

/** `flowIndex`: the file index of each of `model.flows` (flows with shape errors are left out of it). */
export function checkUniqueIds(model: Architecture, map: SourceMap | undefined, flowIndex: readonly number[], error: Report): void {
  // Every id by a number (its place in boundaries, data, components, then flows): a model's 40,000
  // ids cost one map entry each, and an element's path is made only for an id in question.
  const sections = [
    { what: 'boundary', key: 'boundaries', ids: Object.keys(model.boundaries) },
    { what: 'data asset', key: 'data', ids: Object.keys(model.data) },
    { what: 'component', key: 'components', ids: Object.keys(model.components) },
  ] as const;
  const named = (ref: number): Named => {
    for (const { what, key, ids } of sections) {
      if (ref < ids.length) return { what, path: [key, ids[ref]!] };
      ref -= ids.length;
    }
    return { what: 'flow', path: ['flows', flowIndex[ref] ?? ref, 'id'] };
  };
  const firstRef = new Map<string, number>();
  const byId = new Map<string, number[]>();
  let ref = 0;
  const add = (id: string) => {
    const seen = firstRef.get(id);
    if (seen === undefined) {
      firstRef.set(id, ref);
      if (id === ACCOUNT_ELEMENT) byId.set(id, [ref]);
    } else {
      const list = byId.get(id);
      if (list === undefined) byId.set(id, [seen, ref]);
      else list.push(ref);
    }
    ref++;
  };
  for (const { ids } of sections) for (const id of ids) add(id);
  for (const f of model.flows) {
    if (f.id !== undefined) add(f.id);
    else ref++;
  }

  // Positions are looked up only for the few ids in question.
  const at = (n: Named): Position => (map ? (n.what === 'flow' ? map.valueAt(n.path) : map.keyAt(n.path)) : { line: 1, column: 1 });
  for (const [id, refs] of byId) {
    const list = refs.map(named);
    if (id === ACCOUNT_ELEMENT) {
      for (const n of list) error(n.path, 'reserved-id', `${n.what} id "${id}" is reserved: it names the AWS account (\`on: account\`, threat ids \`rule@account\`); rename the ${n.what}`, n.what !== 'flow');
      continue;
    }
    if (list.length < 2) continue;
    // In file order: the error is at the later of two, naming the earlier.
    const placed = list.map((n) => ({ n, at: at(n) })).sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
    const first = placed[0]!;
    for (const { n } of placed.slice(1)) {
      // Two flows with one id are already a duplicate-flow error.
      if (n.what === 'flow' && first.n.what === 'flow') continue;
      error(n.path, 'duplicate-id', `${n.what} id "${id}" is also the id of the ${first.n.what} at line ${first.at.line}; every element needs an id of its own`, n.what !== 'flow');
    }
  }
}
