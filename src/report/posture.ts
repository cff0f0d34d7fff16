/**
 * Zero-trust posture: the model scored on three pillars, from the analysis
 * result alone.
 *
 * The mapping is data (PILLARS): a threat weakens every pillar whose controls
 * include one of the threat's recommended controls; a threat whose recommended
 * controls are all team-specific (`x-`) or unmapped falls back to its STRIDE
 * category's pillar. A pillar's score is the share of its threats' severity
 * weight that is mitigated (critical 8, high 4, medium 2, low 1): open and
 * accepted threats both count against it, since accepting a risk does not
 * remove it. A pillar with no threats scores 100.
 */
import type { AnalysisResult } from '../analysis/result.js';
import { type Category, type Severity, type Threat, isOpen } from '../analysis/threat.js';
import { compareSeverityThenId } from './threat-order.js';

export interface Pillar {
  readonly id: 'identity' | 'layered-defence' | 'encrypted-visible';
  readonly title: string;
  readonly principle: string;
  /** Catalog control ids that serve this pillar. */
  readonly controls: readonly string[];
  /** STRIDE categories that fall here when no recommended control is mapped. */
  readonly categories: readonly Category[];
}

export const PILLARS: readonly Pillar[] = [
  {
    id: 'identity',
    title: 'Identity verified before every request',
    principle: 'Every caller, person or workload, proves who it is on every request (IAM, MFA, IAM Identity Center, Cognito); the network location grants nothing.',
    controls: ['mfa', 'hardware-mfa', 'identity-center', 'cognito', 'cognito-threat-protection', 'mtls', 'iam-auth', 'secrets-rotation', 'signed-requests'],
    categories: ['spoofing'],
  },
  {
    id: 'layered-defence',
    title: 'Layered per-resource defence',
    principle: 'Each resource carries its own protection (WAF, Shield, least privilege, segmentation) instead of relying on one perimeter.',
    controls: ['waf', 'waf-bot-control', 'rate-limit', 'shield-advanced', 'least-privilege', 'permission-boundary', 'security-groups', 'vpc-endpoint', 'block-public-access', 'input-validation', 'imdsv2', 'multi-az', 'autoscaling', 'dead-letter-queue', 'deletion-protection', 'backups'],
    categories: ['tampering', 'denial-of-service', 'elevation-of-privilege'],
  },
  {
    id: 'encrypted-visible',
    title: 'Everything encrypted and visible',
    principle: 'Data is encrypted in transit and at rest (KMS, TLS) and every action is recorded and watched (CloudTrail, monitoring).',
    controls: ['kms', 'key-rotation', 'tls', 'cloudtrail', 'access-logs', 'audit-logging', 'guardduty', 'object-lock', 'mfa-delete', 'versioning', 'query-logging', 'dnssec'],
    categories: ['information-disclosure', 'repudiation'],
  },
];

export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 8, high: 4, medium: 2, low: 1 };

export interface PillarScore {
  readonly pillar: Pillar;
  /** 0..100, rounded down. */
  readonly score: number;
  readonly rating: 'strong' | 'partial' | 'weak';
  readonly total: number;
  readonly mitigated: number;
  /** Open threats (and expired acceptances) that weaken the pillar, most severe first. */
  readonly open: readonly Threat[];
  readonly accepted: readonly Threat[];
}

/** The pillars a threat bears on. */
export function pillarsOf(threat: Threat): readonly Pillar[] {
  // Threats of one rule share their list of controls: the answer is worked out once per list and category.
  let byCategory = pillarsByControls.get(threat.controls);
  if (!byCategory) pillarsByControls.set(threat.controls, (byCategory = new Map()));
  let pillars = byCategory.get(threat.category);
  if (!pillars) {
    const byControl = PILLARS.filter((p) => threat.controls.some((c) => p.controls.includes(c)));
    byCategory.set(threat.category, (pillars = byControl.length > 0 ? byControl : PILLARS.filter((p) => p.categories.includes(threat.category))));
  }
  return pillars;
}

const pillarsByControls = new WeakMap<readonly string[], Map<Category, readonly Pillar[]>>();

export function scorePosture(result: AnalysisResult): PillarScore[] {
  // One walk sorts each threat into the pillars it bears on, in the order of the threats.
  const threatsOf = new Map<Pillar, Threat[]>(PILLARS.map((p) => [p, []]));
  for (const t of result.threats) for (const pillar of pillarsOf(t)) threatsOf.get(pillar)!.push(t);
  return PILLARS.map((pillar) => {
    const threats = threatsOf.get(pillar)!;
    let total = 0;
    let mitigatedWeight = 0;
    let mitigated = 0;
    const open: Threat[] = [];
    const accepted: Threat[] = [];
    for (const t of threats) {
      total += SEVERITY_WEIGHT[t.severity];
      if (t.status === 'mitigated') {
        mitigated++;
        mitigatedWeight += SEVERITY_WEIGHT[t.severity];
      } else if (t.status === 'accepted') accepted.push(t);
      else if (isOpen(t.status)) open.push(t);
    }
    const score = total === 0 ? 100 : Math.floor((100 * mitigatedWeight) / total);
    return {
      pillar,
      score,
      rating: score >= 80 ? 'strong' : score >= 50 ? 'partial' : 'weak',
      total: threats.length,
      mitigated,
      open: open.sort(compareSeverityThenId),
      accepted: accepted.sort(compareSeverityThenId),
    };
  });
}
