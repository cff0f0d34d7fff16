/**
 * Status of a threat: mitigated by declared controls, accepted (until its
 * expiry), acceptance expired (counts as open), or open.
 */
import type { Acceptance as AcceptanceDecl } from '../model/schema.js';
import { acceptedThreat } from '../model/threat-id.js';
import type { RuleDef } from '../rules/schema.js';
import type { Acceptance, Status } from './threat.js';
import { EMPTY } from '../util/empty.js';

export interface StatusDecision {
  readonly status: Status;
  readonly mitigatedBy: readonly string[];
  readonly acceptance?: Acceptance;
}

/** The declared controls that close the threat, or undefined when they do not (no list is built for an open threat). */
export function mitigation(rule: RuleDef, controls: ReadonlySet<string>): readonly string[] | undefined {
  const m = rule.mitigated_by;
  if (!m) return undefined;
  const { all_of: all, any_of: any } = m;
  if (all.length === 0 && any.length === 0) return undefined;
  for (const c of all) if (!controls.has(c)) return undefined;
  if (any.length === 0) return all;
  let hits: string[] | undefined;
  for (const c of any) if (controls.has(c)) (hits ??= []).push(c);
  if (!hits) return undefined;
  return all.length === 0 ? hits : [...all, ...hits];
}

/** Most threats: open, nothing closes them (one shared decision). */
const OPEN: StatusDecision = Object.freeze({ status: 'open', mitigatedBy: EMPTY });

export class AcceptanceBook {
  private readonly used = new Set<number>();
  /** Each acceptance by the id of the threat it names (the model checks allow one per threat). */
  private readonly byThreat = new Map<string, number>();

  constructor(
    private readonly declared: readonly AcceptanceDecl[],
    private readonly today: string,
  ) {
    declared.forEach((a, i) => {
      const id = acceptedThreat(a);
      if (!this.byThreat.has(id)) this.byThreat.set(id, i);
    });
  }

  /** The acceptance naming this threat, by stable id or by rule and element. */
  find(threatId: string): { index: number; decl: AcceptanceDecl } | undefined {
    if (this.declared.length === 0) return undefined;
    const index = this.byThreat.get(threatId);
    if (index === undefined) return undefined;
    this.used.add(index);
    return { index, decl: this.declared[index]! };
  }

  decide(threatId: string, rule: RuleDef, controls: ReadonlySet<string>): StatusDecision {
    const closedBy = mitigation(rule, controls);
    const found = this.find(threatId);
    if (closedBy) return { status: 'mitigated', mitigatedBy: closedBy };
    if (!found) return OPEN;
    const a = found.decl;
    const acceptance: Acceptance = { by: a.by, reason: a.reason, expires: a.expires, ...(a.ticket !== undefined ? { ticket: a.ticket } : {}) };
    return { status: a.expires < this.today ? 'acceptance-expired' : 'accepted', mitigatedBy: EMPTY, acceptance };
  }

  /** Indexes of acceptances that matched no threat. */
  unused(): number[] {
    return this.declared.map((_, i) => i).filter((i) => !this.used.has(i));
  }
}
