/**
 * A threat: one plain data type, made in one place (see make-threat.ts), so every
 * analyzer and every report agrees on it.
 */

export const CATEGORIES = ['spoofing', 'tampering', 'repudiation', 'information-disclosure', 'denial-of-service', 'elevation-of-privilege'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_TITLES: Record<Category, string> = {
  spoofing: 'Spoofing',
  tampering: 'Tampering',
  repudiation: 'Repudiation',
  'information-disclosure': 'Information disclosure',
  'denial-of-service': 'Denial of service',
  'elevation-of-privilege': 'Elevation of privilege',
};

/** Most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const STATUSES = ['open', 'acceptance-expired', 'accepted', 'mitigated'] as const;
export type Status = (typeof STATUSES)[number];

/** Statuses that count against the gate. */
export function isOpen(status: Status): boolean {
  return status === 'open' || status === 'acceptance-expired';
}

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s); // critical 4 .. low 1
}

export type ElementKind = 'component' | 'flow' | 'boundary' | 'account';

/** Which attribute of which element made a rule fire. */
export interface Evidence {
  readonly element: string;
  readonly attribute: string;
  readonly value: unknown;
}

export interface SeverityReasoning {
  readonly likelihood: 'low' | 'medium' | 'high';
  readonly impact: 'low' | 'medium' | 'high' | 'critical';
  /** Each adjustment, in words: "internet-exposed: likelihood +1". */
  readonly factors: readonly string[];
}

export interface ThreatStatement {
  readonly source: string;
  readonly prerequisites: string;
  readonly action: string;
  readonly impact: string;
  readonly assets: string;
  /** The whole sentence, in Threat Composer's grammar. */
  readonly text: string;
}

export interface RecommendedControl {
  /** Catalog control id (`waf`, `mfa`, ...) this recommendation corresponds to. */
  readonly control: string;
  readonly service: string;
  readonly feature: string;
  readonly how: string;
}

export interface References {
  readonly securityHub: readonly string[];
  readonly cis: readonly string[];
  readonly wellArchitected: readonly string[];
  readonly attack: readonly string[];
  readonly docs: readonly string[];
}

export interface Acceptance {
  readonly by: string;
  readonly reason: string;
  readonly expires: string;
  readonly ticket?: string;
}

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Threat {
  /** Stable: `rule@element`. Unchanged when unrelated parts of the model change. */
  readonly id: string;
  readonly rule: string;
  readonly category: Category;
  readonly element: string;
  readonly elementKind: ElementKind;
  readonly title: string;
  readonly statement: ThreatStatement;
  readonly evidence: readonly Evidence[];
  readonly severity: Severity;
  readonly severityReasoning: SeverityReasoning;
  readonly status: Status;
  /** Declared controls that close it (status mitigated). */
  readonly mitigatedBy: readonly string[];
  readonly acceptance?: Acceptance;
  /** Recommended controls, by catalog name. */
  readonly controls: readonly string[];
  readonly recommendations: readonly RecommendedControl[];
  readonly references: References;
  /** For attack-path threats: the element names along the path, entry first. */
  readonly path?: readonly string[];
  readonly location: SourceLocation;
}
