/**
 * Live verification of a model's declared controls against an AWS account.
 * `ztm verify` and `ztm analyze --verify` call runVerification; nothing outside
 * src/aws imports the AWS SDK, and src/aws loads it only when a live run starts.
 */
import type { VerificationFacts } from '../analysis/facts.js';
import type { ModelGraph } from '../model/graph.js';
import { VERSION } from '../version.js';
import { globalRegion, partitionOfRegion } from './arn.js';
import { type Observations, conclude } from './conclude/index.js';
import type { NotChecked } from './conclude/builder.js';
import { wantsWaf } from './conclude/components.js';
import { type CheckContext, makeContext, makeLimiter } from './context.js';
import { accountIdFromReport } from './credential-report.js';
import { EVIDENCE_FORMAT, type EvidenceFile, readEvidence } from './evidence.js';
import type { AwsGateway } from './gateway.js';
import { observeAccountSummary } from './iam/account-summary.js';
import { observeAuthorizationDetails } from './iam/authorization-details.js';
import { observeCredentialReport } from './iam/credential-report.js';
import { observePasswordPolicy } from './iam/password-policy.js';
import { observeRootMfaDevice } from './iam/root-mfa-device.js';
import { LiveGateway, type LiveGatewayOptions } from './live-gateway.js';
import { RecordingGateway } from './recording-gateway.js';
import { ReplayGateway } from './replay-gateway.js';
import { observeWaf } from './wafv2/web-acl.js';

export type { NotChecked } from './conclude/builder.js';
export { EvidenceFileError } from './evidence.js';
export type { EvidenceFile } from './evidence.js';
export { LIVE_RULES, type LiveRuleId } from './live-rules.js';

export interface VerifyOptions extends LiveGatewayOptions {
  /** Region of the run; default AWS_REGION, AWS_DEFAULT_REGION, the model's first Region, us-east-1. */
  readonly region?: string;
  /** Keep every answer for an evidence file. */
  readonly record?: boolean;
  /** Answer every call from this evidence (a file path or its parsed content): no network. */
  readonly replay?: string | EvidenceFile;
  /** Use this gateway instead (tests). */
  readonly gateway?: AwsGateway;
  /** Calls in flight at once (default 4). */
  readonly concurrency?: number;
  /** Credential report polls (default 10, 2 s apart). */
  readonly reportPoll?: { readonly attempts: number; readonly delayMs: number };
  readonly now?: () => Date;
}

export interface VerificationResult extends VerificationFacts {
  /** Declared controls and settings ztm verify does not check. */
  readonly notChecked: readonly NotChecked[];
  /** Why verification is incomplete, one line each. */
  readonly problems: readonly string[];
  /** Notes for the reader (account mismatch...). */
  readonly warnings: readonly string[];
  /** With `record`: the evidence file to write. */
  readonly evidence: EvidenceFile | undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runVerification(graph: ModelGraph, options: VerifyOptions = {}): Promise<VerificationResult> {
  const replayed = typeof options.replay === 'string' ? readEvidence(options.replay) : options.replay;
  const region = options.region ?? replayed?.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? graph.account.regions?.[0] ?? 'us-east-1';
  const clock = options.now ?? (() => new Date());
  const live = !replayed && !options.gateway ? new LiveGateway(options) : undefined;
  const base: AwsGateway = replayed ? new ReplayGateway(replayed) : (options.gateway ?? live!);
  const recorder = options.record ? new RecordingGateway(base, clock) : undefined;
  const now = replayed ? new Date(replayed.recordedAt) : clock();
  const ctx = makeContext({
    gateway: recorder ?? base,
    iamRegion: globalRegion(partitionOfRegion(region)),
    region,
    now,
    sleep: replayed ? async () => {} : sleep,
    reportPoll: options.reportPoll ?? { attempts: 10, delayMs: 2000 },
    limit: makeLimiter(Math.max(1, options.concurrency ?? 4)),
  });
  try {
    const observations = await observeAll(ctx, graph);
    const out = conclude(graph, observations, now);
    const accountId = (observations.report.ok ? accountIdFromReport(observations.report.value.rows) : undefined) ?? replayed?.accountId ?? undefined;
    const warnings: string[] = [];
    if (accountId && graph.account.id && accountId !== graph.account.id) {
      warnings.push(`the credentials are for account ${accountId}, but the model describes account ${graph.account.id}`);
    }
    const checkedAt = now.toISOString();
    return {
      accountId: accountId ?? graph.account.id,
      region,
      checkedAt,
      checks: out.checks,
      findings: out.findings,
      complete: out.problems.size === 0 && out.checks.every((c) => c.status !== 'unverifiable'),
      notChecked: out.notChecked,
      problems: [...out.problems],
      warnings,
      evidence: recorder
        ? { ztmEvidence: EVIDENCE_FORMAT, tool: `ztm ${VERSION}`, accountId: accountId ?? null, region, recordedAt: checkedAt, calls: recorder.calls }
        : undefined,
    };
  } finally {
    await live?.close();
  }
}

/** Every observation at once; the context's limiter bounds the calls in flight. */
async function observeAll(ctx: CheckContext, graph: ModelGraph): Promise<Observations> {
  const wafComponents = [...graph.components.values()].filter(wantsWaf);
  const [summary, passwordPolicy, report, details, rootDevice, waf] = await Promise.all([
    observeAccountSummary(ctx),
    observePasswordPolicy(ctx),
    observeCredentialReport(ctx),
    observeAuthorizationDetails(ctx),
    graph.account.root_hardware_mfa ? observeRootMfaDevice(ctx) : undefined,
    Promise.all(wafComponents.map(async (c) => [c.id, await observeWaf(ctx, c.def.arn!)] as const)),
  ]);
  return { summary, passwordPolicy, report, details, rootDevice, waf: new Map(waf) };
}
