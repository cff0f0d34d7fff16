/** Ordered scales: data classification and the four-step levels. */
import type { DataNode } from '../model/graph.js';

export const SENSITIVITY = ['none', 'public', 'internal', 'confidential', 'restricted'] as const;
export type Sensitivity = (typeof SENSITIVITY)[number];

export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export function maxSensitivity(data: Iterable<DataNode>): Sensitivity {
  return SENSITIVITY[sensitivityRank(data, 0)]!;
}

/** The rank in SENSITIVITY of the most sensitive data, or `best` when none ranks higher: ranks of several lists combine without a list built. */
export function sensitivityRank(data: Iterable<DataNode>, best: number): number {
  for (const d of data) {
    const r = SENSITIVITY.indexOf(d.def.classification);
    if (r > best) best = r;
  }
  return best;
}

export function maxLevel(values: Iterable<Level | undefined>): Level | 'none' {
  let best = -1;
  for (const v of values) if (v !== undefined) best = Math.max(best, LEVELS.indexOf(v));
  return best < 0 ? 'none' : LEVELS[best]!;
}

/** The impact a breach of data of this sensitivity has. */
export function impactOfSensitivity(s: Sensitivity): Level | undefined {
  switch (s) {
    case 'restricted':
      return 'critical';
    case 'confidential':
      return 'high';
    case 'internal':
      return 'medium';
    case 'public':
      return 'low';
    default:
      return undefined;
  }
}
