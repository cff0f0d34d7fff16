/**
 * Where the internet can reach: the zero-trust view of exposure, computed once
 * per model. Network placement is never trust, but it is attack surface.
 */
import type { ComponentNode, FlowNode } from '../model/graph.js';

/** An untrusted party: a component inside the internet or a third party's boundary. */
export function isUntrustedSource(c: ComponentNode): boolean {
  return c.inUntrusted;
}

/** The component accepts connections from the internet (declared, or an inbound flow from an untrusted party). */
export function isInternetExposed(c: ComponentNode): boolean {
  if (c.element === 'external-entity') return false;
  return c.def.internet_facing || c.inUntrusted || c.flowsIn.some((f) => isUntrustedSource(f.from));
}

/** A flow leaves or enters an untrusted boundary. */
export function crossesUntrusted(f: FlowNode): boolean {
  return f.from.inUntrusted !== f.to.inUntrusted;
}

/** A flow crosses any trust boundary. */
export function crossesBoundary(f: FlowNode): boolean {
  return f.crossed.length > 0;
}

