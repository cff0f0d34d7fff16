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
  const reasons: string[] = [];
  if (!f.authInfo.authenticates) reasons.push('unauthenticated');
  if (!f.encrypted) reasons.push('plaintext');
  return reasons.length ? reasons.join(', ') : undefined;
}

export function holdsSensitiveData(c: ComponentNode): boolean {
  return SENSITIVITY.indexOf(maxSensitivity(c.stores)) >= SENSITIVITY.indexOf('confidential');
}

export function findAttackPaths(graph: ModelGraph): Map<string, AttackPath> {
  const nodes = [...graph.components.values()]; // sorted by id
  const index = new Map(nodes.map((c, i) => [c.id, i]));
  const n = nodes.length;
  const seen = new Uint8Array(n * 2);
  const parentState = new Int32Array(n * 2).fill(-1);
  const parentFlow: (FlowNode | undefined)[] = new Array(n * 2);
  const queue = new Int32Array(n * 2);
  let head = 0;
  let tail = 0;
  nodes.forEach((c, i) => {
    if (c.inUntrusted || isInternetExposed(c)) {
      seen[i * 2] = 1;
      queue[tail++] = i * 2;
    }
  });
  // Outgoing flows in a fixed order, so the shortest path chosen does not depend on the model's order.
  const outgoing = nodes.map((c) => (c.flowsOut.length < 2 ? c.flowsOut : [...c.flowsOut].sort((a, b) => compareText(a.to.id, b.to.id) || compareText(a.name, b.name))));
  while (head < tail) {
    const state = queue[head++]!;
    const ci = state >> 1;
    const weak = state & 1;
    for (const f of outgoing[ci]!) {
      const next = index.get(f.to.id)! * 2 + (weak || !f.authInfo.authenticates || !f.encrypted ? 1 : 0);
      if (seen[next]) continue;
      seen[next] = 1;
      parentState[next] = state;
      parentFlow[next] = f;
      queue[tail++] = next;
    }
  }
  const paths = new Map<string, AttackPath>();
  nodes.forEach((c, i) => {
    const state = i * 2 + 1;
    if (!seen[state] || !holdsSensitiveData(c) || parentState[state] === -1) return;
    const flows: FlowNode[] = [];
    for (let s = state; parentState[s] !== -1; s = parentState[s]!) flows.unshift(parentFlow[s]!);
    paths.set(c.id, {
      target: c.id,
      components: [flows[0]!.from.id, ...flows.map((f) => f.to.id)],
      flows: flows.map((f) => f.name),
      weakHops: flows.flatMap((f) => {
        const why = isWeakHop(f);
        return why ? [{ flow: f.name, why }] : [];
      }),
    });
  });
  return paths;
}
