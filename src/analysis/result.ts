/** The analysis result every report reads, its summary, and the CI gate. */
import type { Diagnostic } from '../model/diagnostics.js';
import { compareText } from '../util/compare.js';
import type { ControlCheck, VerificationFacts } from './facts.js';
import { CATEGORIES, type Category, SEVERITIES, STATUSES, type Severity, type Status, type Threat, isOpen, severityRank } from './threat.js';

export const REPORT_VERSION = 1;

export type FailOn = Severity | 'none';
export const DEFAULT_FAIL_ON: FailOn = 'high';

export interface ModelInfo {
  readonly name: string;
  readonly file: string;
  readonly description?: string;
  readonly owner?: string;
  readonly version?: string;
  readonly updated?: string;
  readonly scope?: string;
  readonly assumptions: readonly string[];
  readonly outOfScope: readonly string[];
}

export interface Summary {
  readonly total: number;
  readonly byStatus: Record<Status, number>;
  /** Open threats (including expired acceptances) by severity. */
  readonly openBySeverity: Record<Severity, number>;
  readonly byCategory: Record<Category, { total: number; open: number } & Record<Severity, number>>;
}

export interface GateVerdict {
  readonly failOn: FailOn;
  readonly failed: boolean;
  /** Ids of open threats at or above the threshold. */
  readonly failing: readonly string[];
  /** Declared controls the account contradicts: drift always fails. */
  readonly contradicted: readonly ControlCheck[];
  /** Threats left out because they are in the baseline. */
  readonly baselined: number;
}

export interface AnalysisResult {
  readonly version: typeof REPORT_VERSION;
  readonly tool: { readonly name: 'ztm'; readonly version: string };
  readonly model: ModelInfo;
  readonly rules: { readonly total: number; readonly custom: number };
  readonly summary: Summary;
  readonly threats: readonly Threat[];
  readonly warnings: readonly Diagnostic[];
  readonly verification?: VerificationFacts;
}

/** Report order: open first, then most severe, then by category, element and rule. */
export function compareThreats(a: Threat, b: Threat): number {
  return rankOf(a) - rankOf(b) || compareText(a.element, b.element) || compareText(a.rule, b.rule);
}

/** Status, severity and category in one number, smaller first. */
function rankOf(t: Threat): number {
  return (isOpen(t.status) ? 0 : 100) + (4 - severityRank(t.severity)) * 10 + CATEGORY_INDEX[t.category];
}

const CATEGORY_INDEX = Object.fromEntries(CATEGORIES.map((c, i) => [c, i])) as Record<Category, number>;

/** Sorts in report order, each threat's rank computed once. */
export function sortThreats(threats: Threat[]): Threat[] {
  const ranked = threats.map((t) => ({ t, rank: rankOf(t) }));
  ranked.sort((a, b) => a.rank - b.rank || compareText(a.t.element, b.t.element) || compareText(a.t.rule, b.t.rule));
  for (let i = 0; i < ranked.length; i++) threats[i] = ranked[i]!.t;
  return threats;
}

const zeroBy = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export function summarize(threats: readonly Threat[]): Summary {
  const byStatus = zeroBy(STATUSES);
  const openBySeverity = zeroBy(SEVERITIES);
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, { total: 0, open: 0, ...zeroBy(SEVERITIES) }])) as Summary['byCategory'];
  for (const t of threats) {
    byStatus[t.status]++;
    const cat = byCategory[t.category];
    cat.total++;
    if (isOpen(t.status)) {
      openBySeverity[t.severity]++;
      cat.open++;
      cat[t.severity]++;
    }
  }
  return { total: threats.length, byStatus, openBySeverity, byCategory };
}

/** The gate: open threats at or above `failOn` (not in the baseline), or any contradicted control. */
export function gate(result: AnalysisResult, failOn: FailOn, baseline?: ReadonlySet<string>): GateVerdict {
  const threshold = failOn === 'none' ? Infinity : severityRank(failOn);
  const candidates = result.threats.filter((t) => isOpen(t.status) && severityRank(t.severity) >= threshold);
  const failing = candidates.filter((t) => !baseline?.has(t.id)).map((t) => t.id);
  const contradicted = (result.verification?.checks ?? []).filter((c) => c.status === 'contradicted');
  return { failOn, failed: failing.length > 0 || contradicted.length > 0, failing, contradicted, baselined: candidates.length - failing.length };
}
