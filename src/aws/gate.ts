/**
 * The verdict of `ztm verify`: contradicted controls (drift) and live findings at
 * or above --fail-on fail the gate; with --require-verified, an incomplete
 * verification fails too (exit 4) when nothing failed the gate first.
 */
import { type Severity, severityRank } from '../analysis/threat.js';
import type { LiveFinding, VerificationFacts } from '../analysis/facts.js';
import { shortList } from '../report/short-list.js';

export type FailOn = Severity | 'none';

export interface VerifyVerdict {
  readonly outcome: 'passed' | 'failed' | 'unverified';
  readonly contradicted: number;
  /** Live findings at or above --fail-on, as `rule@element`. */
  readonly failing: readonly string[];
  readonly line: string;
}

/** The severity of a live finding: the analysis engine's, through its live rule (the CLI supplies it). */
export type LiveSeverity = (f: Pick<LiveFinding, 'rule' | 'element'>) => Severity;

export function verifyVerdict(facts: Pick<VerificationFacts, 'checks' | 'findings' | 'complete'>, failOn: FailOn, requireVerified: boolean, liveSeverity: LiveSeverity): VerifyVerdict {
  const contradicted = facts.checks.filter((c) => c.status === 'contradicted');
  const failing = failOn === 'none' ? [] : facts.findings.filter((f) => severityRank(liveSeverity(f)) >= severityRank(failOn)).map((f) => `${f.rule}@${f.element}`);
  if (contradicted.length || failing.length) {
    const parts: string[] = [];
    if (contradicted.length) parts.push(`${contradicted.length} declared control${contradicted.length === 1 ? '' : 's'} contradicted by the account (${shortList(contradicted.map((c) => `${c.control} on ${c.element}`))})`);
    if (failing.length) parts.push(`${failing.length} live finding${failing.length === 1 ? '' : 's'} at or above ${failOn}: ${shortList(failing)}`);
    return { outcome: 'failed', contradicted: contradicted.length, failing, line: `gate: FAILED: ${parts.join('; ')}` };
  }
  if (requireVerified && !facts.complete) {
    return { outcome: 'unverified', contradicted: 0, failing, line: 'gate: FAILED: verification is incomplete and --require-verified is set' };
  }
  const note = facts.complete ? '' : ' (verification incomplete: see the unverifiable checks)';
  return { outcome: 'passed', contradicted: 0, failing, line: `gate: passed: no contradicted control, no live finding at or above ${failOn}${note}` };
}
