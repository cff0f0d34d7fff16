/**
 * Status of a threat: mitigated by declared controls, accepted (until its
 * expiry), acceptance expired (counts as open), or open.
 */
import type { Acceptance as AcceptanceDecl } from '../model/schema.js';
import type { RuleDef } from '../rules/schema.js';
import type { Acceptance, Status } from './threat.js';

export interface StatusDecision {
  readonly status: Status;
  readonly mitigatedBy: readonly string[];
  readonly acceptance?: Acceptance;
}

/** The declared controls that close the threat, or undefined when they do not. */
export function mitigation(rule: RuleDef, controls: ReadonlySet<string>): string[] | undefined {
  const m = rule.mitigated_by;
  if (!m || (m.any_of.length === 0 && m.all_of.length === 0)) return undefined;
  if (!m.all_of.every((c) => controls.has(c))) return undefined;
  const anyHit = m.any_of.filter((c) => controls.has(c));
  if (m.any_of.length && anyHit.length === 0) return undefined;
  return [...m.all_of, ...anyHit];
}

export class AcceptanceBook {
  private readonly used = new Set<number>();
  constructor(
    private readonly declared: readonly AcceptanceDecl[],
    private readonly today: string,
  ) {}

  /** The first acceptance naming this threat, by stable id or by rule and element. */
  find(threatId: string, rule: string, element: string): { index: number; decl: AcceptanceDecl } | undefined {
    const index = this.declared.findIndex((a) => a.threat === threatId || (a.threat === rule && a.on === element));
    if (index === -1) return undefined;
    this.used.add(index);
    return { index, decl: this.declared[index]! };
  }

  decide(threatId: string, rule: RuleDef, element: string, controls: ReadonlySet<string>): StatusDecision {
    const closedBy = mitigation(rule, controls);
    const found = this.find(threatId, rule.id, element);
    if (closedBy) return { status: 'mitigated', mitigatedBy: closedBy };
    if (!found) return { status: 'open', mitigatedBy: [] };
    const a = found.decl;
    const acceptance: Acceptance = { by: a.by, reason: a.reason, expires: a.expires, ...(a.ticket !== undefined ? { ticket: a.ticket } : {}) };
    return { status: a.expires < this.today ? 'acceptance-expired' : 'accepted', mitigatedBy: [], acceptance };
  }

  /** Indexes of acceptances that matched no threat. */
  unused(): number[] {
    return this.declared.map((_, i) => i).filter((i) => !this.used.has(i));
  }
}
