/**
 * Severity = likelihood x impact, from the rule's base values adjusted by what
 * the model shows. Documented in README ("Severity model"); every adjustment is
 * recorded as a factor so a reviewer can follow the reasoning.
 *
 *   likelihood (1-3) +1 when the element is exposed to the internet or the flow
 *                       crosses into an untrusted boundary; -1 for an attack path of 4+ hops
 *   impact     (1-4) raised to the sensitivity of the data involved (rules with
 *                       impact_from_data): restricted 4, confidential 3, internal 2, public 1;
 *                    +1 when the element is privileged (blast radius)
 *   score = likelihood x impact: 8-12 critical, 6-7 high, 3-5 medium, 1-2 low
 */
import type { RuleDef } from '../rules/schema.js';
import { LEVELS, SENSITIVITY, type Sensitivity, impactOfSensitivity } from './sensitivity.js';
import type { Severity, SeverityReasoning } from './threat.js';

const LIKELIHOOD = ['low', 'medium', 'high'] as const;

export interface SeverityInputs {
  readonly exposed: boolean;
  readonly dataSensitivity: Sensitivity;
  readonly dataNames: readonly string[];
  readonly privileged: boolean;
  readonly pathLength?: number | undefined;
}

type Assessment = { severity: Severity; reasoning: SeverityReasoning };
const memo = new WeakMap<RuleDef['severity'], WeakMap<readonly string[], Map<number, Assessment>>>();

/**
 * Same baseline and inputs, same (shared, read-only) assessment: large models
 * repeat them. The data names are interned by the caller (one array per list of
 * names), so the lookup builds no key string.
 */
export function assessSeverity(base: RuleDef['severity'], inputs: SeverityInputs): Assessment {
  let byNames = memo.get(base);
  if (!byNames) memo.set(base, (byNames = new WeakMap()));
  let byInputs = byNames.get(inputs.dataNames);
  if (!byInputs) byNames.set(inputs.dataNames, (byInputs = new Map()));
  const key = (inputs.exposed ? 1 : 0) + (inputs.privileged ? 2 : 0) + SENSITIVITY.indexOf(inputs.dataSensitivity) * 4 + (inputs.pathLength === undefined ? 0 : (inputs.pathLength + 1) * 32);
  let hit = byInputs.get(key);
  if (!hit) byInputs.set(key, (hit = computeSeverity(base, inputs)));
  return hit;
}

function computeSeverity(base: RuleDef['severity'], inputs: SeverityInputs): Assessment {
  const factors: string[] = [];
  let likelihood = LIKELIHOOD.indexOf(base.likelihood) + 1;
  let impact = LEVELS.indexOf(base.impact) + 1;
  factors.push(`rule baseline: likelihood ${base.likelihood}, impact ${base.impact}`);

  if (inputs.exposed && likelihood < 3) {
    likelihood++;
    factors.push('reachable from the internet: likelihood +1');
  }
  if (inputs.pathLength !== undefined && inputs.pathLength >= 4 && likelihood > 1) {
    likelihood--;
    factors.push(`attack path of ${inputs.pathLength} hops: likelihood -1`);
  }
  if (base.impact_from_data) {
    const fromData = impactOfSensitivity(inputs.dataSensitivity);
    if (fromData && LEVELS.indexOf(fromData) + 1 > impact) {
      impact = LEVELS.indexOf(fromData) + 1;
      const names = inputs.dataNames.length ? ` (${inputs.dataNames.join(', ')})` : '';
      factors.push(`${inputs.dataSensitivity} data${names}: impact ${fromData}`);
    }
  }
  if (inputs.privileged && impact < 4) {
    impact++;
    factors.push('privileged element, wide blast radius: impact +1');
  }
  const score = likelihood * impact;
  const severity: Severity = score >= 8 ? 'critical' : score >= 6 ? 'high' : score >= 3 ? 'medium' : 'low';
  factors.push(`likelihood ${LIKELIHOOD[likelihood - 1]} (${likelihood}) x impact ${LEVELS[impact - 1]} (${impact}) = ${score}: ${severity}`);
  return { severity, reasoning: { likelihood: LIKELIHOOD[likelihood - 1]!, impact: LEVELS[impact - 1]!, factors } };
}
