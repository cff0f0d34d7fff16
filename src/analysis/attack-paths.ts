/**
 * Attack paths: from where the internet starts (an untrusted party, or an
 * internet-facing component) along flows to a component holding confidential
 * or restricted data, where at least one hop is unauthenticated or plaintext.
 * One multi-source breadth-first search over (component, weak-hop-seen) states:
 * linear in the model, and the shortest weak path per target.
 */
import type { ComponentNode, FlowNode, ModelGraph } from '../model/graph.js';
import { isInternetExposed } from './exposure.js';
import { compareText } from '../util/compare.js';
import { SENSITIVITY, maxSensitivity } from './sensitivity.js';

export interface AttackPath {
  readonly target: string;
  /** Component ids, entry first, target last. */
  readonly components: readonly string[];
  readonly flows: readonly string[];
  /** The hops that make it weak, with why. */
  readonly weakHops: readonly { flow: string; why: string }[];
}

/** Why a hop is weak (unauthenticated, plaintext), or undefined when it is neither. */
export function isWeakHop(f: FlowNode): string | undefined {
  const unauthenticated = !f.authInfo.authenticates;
  if (f.encrypted) return unauthenticated ? 'unauthenticated' : undefined;
  return unauthenticated ? 'unauthenticated, plaintext' : 'plaintext';
}

export function holdsSensitiveData(c: ComponentNode): boolean {
  return SENSITIVITY.indexOf(maxSensitivity(c.stores)) >= SENSITIVITY.indexOf('confidential');
}

/**
 * Outgoing flows in a fixed order (receiver id, then flow name), so the shortest path chosen does not
 * depend on the model's order. A sort, not an insertion sort: one component may send thousands of flows.
 */
function inSearchOrder(flows: readonly FlowNode[]): readonly FlowNode[] {
  return flows.length < 2 ? flows : flows.slice().sort(bySearchOrder);
}

const bySearchOrder = (a: FlowNode, b: FlowNode): number => compareText(a.to.id, b.to.id) || compareText(a.name, b.name);

export function findAttackPaths(graph: ModelGraph): Map<string, AttackPath> {
  const nodes = [...graph.components.values()]; // sorted by id
  const index = new Map<ComponentNode, number>(nodes.map((c, i) => [c, i]));
  const n = nodes.length;
  const seen = new Uint8Array(n * 2);
  const parentState = new Int32Array(n * 2).fill(-1);
  const parentFlow: (FlowNode | undefined)[] = new Array(n * 2);
  const queue = new Int32Array(n * 2);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    const c = nodes[i]!;
    if (c.inUntrusted || isInternetExposed(c)) {
      seen[i * 2] = 1;
      queue[tail++] = i * 2;
    }
  }
  // Per component, its outgoing flows in search order and the index of each receiver.
  const outgoing = nodes.map((c) => inSearchOrder(c.flowsOut));
  const receivers = outgoing.map((flows) => Int32Array.from(flows, (f) => index.get(f.to)!));
  while (head < tail) {
    const state = queue[head++]!;
    const ci = state >> 1;
    const weak = state & 1;
    const flows = outgoing[ci]!;
    const to = receivers[ci]!;
    for (let k = 0; k < flows.length; k++) {
      const f = flows[k]!;
      const next = to[k]! * 2 + (weak || !f.authInfo.authenticates || !f.encrypted ? 1 : 0);
      if (seen[next]) continue;
      seen[next] = 1;
      parentState[next] = state;
      parentFlow[next] = f;
      queue[tail++] = next;
    }
  }
  const paths = new Map<string, AttackPath>();
  for (let i = 0; i < n; i++) {
    const c = nodes[i]!;
    const state = i * 2 + 1;
    if (!seen[state] || parentState[state] === -1 || !holdsSensitiveData(c)) continue;
    const hops: FlowNode[] = [];
    for (let s = state; parentState[s] !== -1; s = parentState[s]!) hops.push(parentFlow[s]!);
    hops.reverse();
    const components = [hops[0]!.from.id];
    const flows: string[] = [];
    const weakHops: { flow: string; why: string }[] = [];
    for (const f of hops) {
      components.push(f.to.id);
      flows.push(f.name);
      const why = isWeakHop(f);
      if (why) weakHops.push({ flow: f.name, why });
    }
    paths.set(c.id, { target: c.id, components, flows, weakHops });
  }
  return paths;
}
