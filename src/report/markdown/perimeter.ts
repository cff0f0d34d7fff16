/**
 * Where the design still trusts network location the way perimeter security
 * does, side by side with the zero-trust expectation. Read from the model's
 * graph: unauthenticated internal flows, plaintext inside the trusted network,
 * and data stores the internet can reach.
 */
import { isInternetExposed } from '../../analysis/exposure.js';
import type { ModelGraph } from '../../model/graph.js';
import { flowLabel } from '../mermaid.js';
import { escapeMarkdown, markdownId } from '../escape.js';
import { heading, table } from './blocks.js';
import type { ReviewContext } from './context.js';

interface PerimeterTrust {
  readonly where: string;
  readonly today: string;
  readonly expectation: string;
}

/** Neither end is an untrusted party or an external entity: "inside" in perimeter terms. */
const isInternal = (f: ModelGraph['flows'][number]) => !f.from.inUntrusted && !f.to.inUntrusted && f.from.element !== 'external-entity' && f.to.element !== 'external-entity';

export function perimeterFindings(graph: ModelGraph): PerimeterTrust[] {
  const flows = [...graph.flows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: PerimeterTrust[] = [];
  for (const f of flows.filter(isInternal)) {
    const where = `${markdownId(f.name)} (${escapeMarkdown(flowLabel(f))})`;
    if (!f.authInfo.authenticates) {
      out.push({ where, today: `${escapeMarkdown(f.to.name)} accepts any caller that can reach it on the network`, expectation: 'The caller proves a workload identity on every request (SigV4, mTLS, VPC Lattice auth policy) and is authorized by identity' });
    }
    if (!f.encrypted) {
      out.push({ where, today: 'Plaintext inside the trusted network, as if the network itself were private', expectation: 'TLS on every hop, including inside the VPC; the network is assumed hostile' });
    }
  }
  for (const c of [...graph.components.values()].filter((x) => x.element === 'data-store' && isInternetExposed(x))) {
    out.push({ where: `${escapeMarkdown(c.name)} (${markdownId(c.id)})`, today: 'A data store the internet can reach, protected by its place in the network', expectation: 'Data stores are reachable only through authenticated services, with resource policies and private endpoints' });
  }
  return out;
}

export function perimeterTable(ctx: ReviewContext): string[] {
  const lines = heading(3, 'Where the design still trusts the network');
  if (!ctx.graph) return [...lines, '_Needs the model: render this document with `ztm analyze MODEL --format markdown`._'];
  const rows = perimeterFindings(ctx.graph);
  if (rows.length === 0) return [...lines, 'Nowhere: no unauthenticated or plaintext internal flow, and no data store reachable from the internet.'];
  return [...lines, ...table(['Where', 'Perimeter trust today', 'Zero-trust expectation'], rows.map((r) => [r.where, r.today, r.expectation]))];
}
