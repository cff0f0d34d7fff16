/** A threat's stable id, `rule@element`, and the threat an acceptance names: one definition for the analysis and the model checks. */
import type { Acceptance } from './schema.js';

export function threatId(rule: string, element: string): string {
  return `${rule}@${element}`;
}

/**
 * The id of the threat an acceptance names: its `threat` when that is a stable
 * id (rule ids have no `@`), else the rule on the element `on` names. Without
 * `on` a rule id names no threat (the reference checks say so).
 */
export function acceptedThreat(a: Pick<Acceptance, 'threat' | 'on'>): string {
  return a.threat.includes('@') || a.on === undefined ? a.threat : threatId(a.threat, a.on);
}
