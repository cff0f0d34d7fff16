/**
 * Threat statements in AWS Threat Composer's grammar:
 * "[source] [prerequisites] can [action], which leads to [impact], negatively impacting [assets]."
 * Placeholders ({element}, {from}, {to}, {kind}, {data}, {path}) are filled with
 * names from the model; nothing else in a template is interpreted.
 */
import type { RuleDef } from '../rules/schema.js';
import type { ThreatStatement } from './threat.js';

export type Placeholders = Readonly<Record<'element' | 'from' | 'to' | 'kind' | 'data' | 'path' | 'service', string>>;

const PLACEHOLDER = /\{(element|from|to|kind|data|path|service)\}/;
const compiled = new Map<string, readonly string[]>();

/** Splits a template once into literal text and placeholder names (odd positions). */
function parts(template: string): readonly string[] {
  let p = compiled.get(template);
  if (!p) {
    p = template.split(new RegExp(PLACEHOLDER.source, 'g'));
    compiled.set(template, p);
  }
  return p;
}

export function fillTemplate(template: string, values: Placeholders): string {
  const p = parts(template);
  if (p.length === 1) return template;
  let out = p[0]!;
  for (let i = 1; i < p.length; i += 2) out += values[p[i] as keyof Placeholders] + p[i + 1]!;
  return out;
}

export function makeStatement(def: RuleDef['statement'], values: Placeholders): ThreatStatement {
  const source = fillTemplate(def.source, values);
  const prerequisites = fillTemplate(def.prerequisites, values);
  const action = fillTemplate(def.action, values);
  const impact = fillTemplate(def.impact, values);
  const assets = fillTemplate(def.assets, values);
  const text = `${capitalize(source)} ${prerequisites} can ${action}, which leads to ${impact}, negatively impacting ${assets}.`;
  return { source, prerequisites, action, impact, assets, text };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
