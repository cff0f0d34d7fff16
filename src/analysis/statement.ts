/**
 * Threat statements in AWS Threat Composer's grammar:
 * "[source] [prerequisites] can [action], which leads to [impact], negatively impacting [assets]."
 * Placeholders ({element}, {from}, {to}, {kind}, {data}, {path}) are filled with
 * names from the model; nothing else in a template is interpreted.
 */
import type { RuleDef } from '../rules/schema.js';
import type { ThreatStatement } from './threat.js';

export type Placeholders = Readonly<Record<'element' | 'from' | 'to' | 'kind' | 'data' | 'path' | 'service', string>>;

export function fillTemplate(template: string, values: Placeholders): string {
  return template.replace(/\{(element|from|to|kind|data|path|service)\}/g, (_, key: keyof Placeholders) => values[key]);
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
