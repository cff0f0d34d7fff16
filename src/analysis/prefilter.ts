/**
 * Which groups of elements a rule can fire on at all. A rule's conjuncts that
 * read only what a component's kind (or a flow's signature) decides are tested
 * once per kind or signature; the elements of a group they reject are never
 * visited. The full condition still decides every element visited, so this
 * changes what is computed, never what is found.
 */
import type { Facts } from '../rules/conditions.js';
import type { CompiledRule } from '../rules/load.js';

/** Does the rule's kind- or signature-decided part hold for this shared facts object? (Once per rule and group.) */
export function admits(rule: CompiledRule, shared: Facts, decided: ReadonlySet<string>): boolean {
  return (rule.condition.parts ?? []).every((p) => !p.attributes.every((a) => decided.has(a)) || p.test(shared));
}
