/**
 * Threat statements in AWS Threat Composer's grammar:
 * "[source] [prerequisites] can [action], which leads to [impact], negatively impacting [assets]."
 * Placeholders ({element}, {from}, {to}, {kind}, {data}, {path}) are filled with
 * names from the model; nothing else in a template is interpreted.
 */
import { cached } from '../util/cached.js';
import type { Facts } from '../rules/conditions.js';
import type { CompiledRule } from '../rules/load.js';
import type { RuleDef } from '../rules/schema.js';
import type { RecommendedControl, ThreatStatement } from './threat.js';

export type Placeholders = Readonly<Record<'element' | 'from' | 'to' | 'kind' | 'data' | 'path' | 'service', string>>;

const PLACEHOLDER = /\{(element|from|to|kind|data|path|service)\}/g;

/** A template split once into literal text (even positions) and placeholder names (odd positions). */
type Template = readonly string[];

const compile = (template: string): Template => template.split(PLACEHOLDER);

function fill(t: Template, values: Placeholders): string {
  if (t.length === 1) return t[0]!;
  let out = t[0]!;
  for (let i = 1; i < t.length; i += 2) out += values[t[i] as keyof Placeholders] + t[i + 1]!;
  return out;
}

/**
 * A rule's statement and recommendations with their templates split, once per
 * rule; a recommendation without placeholders is one object every threat of the
 * rule shares.
 */
interface RuleText {
  readonly statement: readonly [Template, Template, Template, Template, Template];
  readonly recommend: readonly { readonly shared: RecommendedControl; readonly how: Template }[];
}
const compiled = new WeakMap<RuleDef, RuleText>();

function ruleText(def: RuleDef): RuleText {
  return cached(compiled, def, ({ statement: s, recommend }) => ({
    statement: [compile(s.source), compile(s.prerequisites), compile(s.action), compile(s.impact), compile(s.assets)],
    recommend: recommend.map(({ control, service, feature, how }) => ({ shared: { control, service, feature, how }, how: compile(how) })),
  }));
}

export function makeStatement(def: RuleDef, values: Placeholders): ThreatStatement {
  const [s, p, a, i, x] = ruleText(def).statement;
  const source = fill(s, values);
  const prerequisites = fill(p, values);
  const action = fill(a, values);
  const impact = fill(i, values);
  const assets = fill(x, values);
  const text = `${capitalize(source)} ${prerequisites} can ${action}, which leads to ${impact}, negatively impacting ${assets}.`;
  return { source, prerequisites, action, impact, assets, text };
}

/**
 * The recommendations of the rule that do not apply to the element (their own
 * `when` fails on its facts), a bit each by position (a rule has at most 16):
 * 0 when all apply, as for every rule without such conditions.
 */
export function inapplicable(rule: CompiledRule, facts: Facts): number {
  const tests = rule.recommendWhen;
  let out = 0;
  if (tests) for (let i = 0; i < tests.length; i++) if (tests[i]?.(facts) === false) out |= 1 << i;
  return out;
}

/**
 * The rule's recommendations but those `left` out (see inapplicable), with
 * {element} and the other placeholders filled in.
 */
export function makeRecommendations(def: RuleDef, values: Placeholders, left: number): RecommendedControl[] {
  const out: RecommendedControl[] = [];
  ruleText(def).recommend.forEach(({ shared, how }, i) => {
    if (left & (1 << i)) return;
    out.push(how.length === 1 ? shared : { control: shared.control, service: shared.service, feature: shared.feature, how: fill(how, values) });
  });
  return out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
