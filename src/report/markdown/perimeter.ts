/**
 * Where the design still trusts network location the way perimeter security
 * does, side by side with the zero-trust expectation. Read from the analysis:
 * the threats of the rules below that are not mitigated. The mapping is data.
 */
import { type Threat, isOpen } from '../../analysis/threat.js';
import { compareSeverityThenId } from '../threat-order.js';
import { heading, table } from './blocks.js';
import { type ReviewContext, escapedOnce, threatRef } from './context.js';

interface PerimeterPattern {
  readonly today: string;
  readonly expectation: string;
}

/** Rules whose threats mean "the network is the control". */
export const PERIMETER_RULES: Readonly<Record<string, PerimeterPattern>> = {
  'spoofing.unauthenticated-internal-flow': {
    today: 'The receiver accepts any caller that can reach it on the network',
    expectation: 'The caller proves a workload identity on every request (SigV4, mTLS, VPC Lattice auth policy) and is authorized by identity',
  },
  'information-disclosure.plaintext-inside-vpc': {
    today: 'Plaintext inside the trusted network, as if the network itself were private',
    expectation: 'TLS on every hop, including inside the VPC; the network is assumed hostile',
  },
  'information-disclosure.exposed-data-store': {
    today: 'A data store the internet can reach, protected by its place in the network',
    expectation: 'Data stores are reachable only through authenticated services, with resource policies and private endpoints',
  },
  'information-disclosure.data-store-in-public-subnet': {
    today: 'A data store in a public subnet, kept private only by security groups and routes',
    expectation: 'Data stores live in private subnets and are reached through authenticated, authorized paths',
  },
};

export function perimeterThreats(threats: readonly Threat[]): Threat[] {
  return threats.filter((t) => Object.hasOwn(PERIMETER_RULES, t.rule) && t.status !== 'mitigated').sort(compareSeverityThenId);
}

export function perimeterTable(ctx: ReviewContext): string[] {
  const lines = heading(3, 'Where the design still trusts the network');
  const found = perimeterThreats(ctx.result.threats);
  if (found.length === 0) return [...lines, 'Nowhere: no unauthenticated or plaintext internal flow, and no data store reachable from the internet, is left unmitigated.'];
  const rows = found.map((t) => {
    const p = PERIMETER_RULES[t.rule]!;
    return [threatRef(ctx, t), isOpen(t.status) ? `${t.severity}, ${t.status}` : t.status, escapedOnce(ctx, p.today), escapedOnce(ctx, p.expectation)];
  });
  return [...lines, ...table(['Threat', 'Status', 'Perimeter trust today', 'Zero-trust expectation'], rows)];
}
