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
  const byId = new Map<string, Named[]>();
  const add = (id: string, named: Named) => {
    const list = byId.get(id);
    if (list === undefined) byId.set(id, [named]);
    else list.push(named);
  };
  for (const id of Object.keys(model.boundaries)) add(id, { what: 'boundary', path: ['boundaries', id] });
  for (const id of Object.keys(model.data)) add(id, { what: 'data asset', path: ['data', id] });
  for (const id of Object.keys(model.components)) add(id, { what: 'component', path: ['components', id] });
  model.flows.forEach((f, k) => {
    if (f.id !== undefined) add(f.id, { what: 'flow', path: ['flows', flowIndex[k] ?? k, 'id'] });
  });

  // Positions are looked up only for the few ids in question.
  const at = (n: Named): Position => (map ? (n.what === 'flow' ? map.valueAt(n.path) : map.keyAt(n.path)) : { line: 1, column: 1 });
  for (const [id, list] of byId) {
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
