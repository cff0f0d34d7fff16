/**
 * The one place the CLI runs the live checks (flags: live-options.ts). The AWS layer is imported here,
 * dynamically, only when checks run.
 */
import type { LiveFlags } from './live-options.js';
import { writeOutput, type Io } from './io.js';
import type { ModelGraph } from '../model/graph.js';
import type { VerificationResult } from '../aws/index.js';
import type { LiveSeverity } from '../aws/gate.js';
import type { VerificationFacts } from '../analysis/facts.js';
import { analyze } from '../analysis/engine.js';
import { loadRules } from '../rules/load.js';
import { today } from '../util/today.js';
import { AWS_REGION } from '../util/region.js';


export type LiveOutcome = { ok: true; result: VerificationResult } | { ok: false; usage: string };

/** Validates the flags, runs the checks (live or replayed), writes the evidence file when asked. */
export async function runLiveChecks(graph: ModelGraph, flags: LiveFlags, io: Io): Promise<LiveOutcome> {
  if (flags.record && flags.replay) return { ok: false, usage: '--record and --replay cannot be used together' };
  const maxAttempts = flags.maxAttempts === undefined ? undefined : Number(flags.maxAttempts);
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && maxAttempts >= 1 && maxAttempts <= 10)) return { ok: false, usage: '--max-attempts takes a whole number from 1 to 10' };
  const timeout = flags.timeout === undefined ? undefined : Number(flags.timeout);
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 100)) return { ok: false, usage: '--timeout takes milliseconds, at least 100' };
  if (flags.region !== undefined && !AWS_REGION.test(flags.region)) return { ok: false, usage: `--region takes the name of an AWS Region, such as eu-west-1 or us-east-1, not ${JSON.stringify(flags.region)}` };
  // Loaded here, not at the top: commands that do not verify never load src/aws or the SDK.
  const aws = await import('../aws/index.js');
  let result: VerificationResult;
  try {
    result = await aws.runVerification(graph, {
      profile: flags.profile,
      region: flags.region,
      record: flags.record !== undefined,
      replay: flags.replay,
      maxAttempts,
      requestTimeoutMs: timeout,
    });
  } catch (err) {
    if (err instanceof aws.EvidenceFileError) return { ok: false, usage: err.message };
    throw err;
  }
  if (flags.record && result.evidence) {
    await writeOutput(flags.record, `${JSON.stringify(result.evidence, null, 2)}\n`);
    io.stderr(`recorded ${result.evidence.calls.length} AWS answers to ${flags.record}\n`);
  }
  return { ok: true, result };
}

/** Severities of live findings as `ztm analyze` gives them: the same engine, the live rules only. */
export function liveSeverities(graph: ModelGraph, facts: VerificationFacts): LiveSeverity {
  const live = loadRules().filter((r) => r.def.trigger === 'live');
  const { threats } = analyze(graph, live, { today: today(), verification: facts });
  const bySite = new Map(threats.map((t) => [t.id, t.severity]));
  return (f) => bySite.get(`${f.rule}@${f.element}`) ?? 'medium';
}
