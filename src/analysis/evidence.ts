/**
 * Evidence: which attributes of which elements made a rule fire. Read from the
 * element's facts when a report asks for it, so a threat holds no evidence
 * objects of its own until then.
 */
import { cached } from '../util/cached.js';
import { type Facts, readPath } from '../rules/conditions.js';
import type { CompiledRule } from '../rules/load.js';
import type { AttackPath } from './attack-paths.js';
import type { Evidence } from './threat.js';

interface EvidenceAttribute {
  readonly path: readonly string[];
  readonly owner: 'element' | 'account' | 'from' | 'to';
  readonly name: string;
}
const evidenceAttributes = new WeakMap<CompiledRule, readonly EvidenceAttribute[]>();

/** A rule's evidence attributes, parsed once: `to.exposed` belongs to the flow's receiver, `account.x` to the account. */
function evidenceAttributesOf(rule: CompiledRule): readonly EvidenceAttribute[] {
  return cached(evidenceAttributes, rule, (r) =>
    r.condition.attributes.map((attr) => {
      const path = attr.split('.');
      const [head, ...rest] = path;
      const scoped = (head === 'account' || head === 'from' || head === 'to') && rest.length > 0;
      return { path, owner: scoped ? (head as 'account' | 'from' | 'to') : 'element', name: scoped ? rest.join('.') : attr };
    }),
  );
}

/** The rule's condition reads `attack_path` of the element: its threats carry the path. */
export function readsAttackPath(rule: CompiledRule): boolean {
  return evidenceAttributesOf(rule).some((a) => a.name === 'attack_path' && a.owner === 'element');
}

/**
 * Attribute values that made the rule fire, attributed to the element they
 * belong to (a flow's `from.` and `to.` attributes to its ends), then the
 * attack path and its weak hops when the threat has one.
 */
export function evidenceOf(rule: CompiledRule, facts: Facts, element: string, path?: AttackPath): Evidence[] {
  const out: Evidence[] = [];
  for (const a of evidenceAttributesOf(rule)) {
    const owner = a.owner === 'element' ? element : a.owner === 'account' ? 'account' : ((facts[a.owner] as Facts).id as string);
    out.push({ element: owner, attribute: a.name, value: readPath(facts, a.path) });
  }
  if (path) {
    out.push({ element, attribute: 'attack_path.components', value: path.components });
    for (const hop of path.weakHops) out.push({ element: hop.flow, attribute: 'weak_hop', value: hop.why });
  }
  return out;
}
