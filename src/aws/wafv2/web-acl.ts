/**
 * The web ACL in front of a component, read through WAFv2:
 * - regional resources (ALB, API Gateway stage, Cognito user pool, AppSync...):
 *   GetWebACLForResource in the ARN's Region (no WebACL in the answer: none associated),
 *   then GetWebACL for its rules and GetLoggingConfiguration (WAFNonexistentItemException: logging off);
 * - CloudFront distributions: WAFv2 does not report their association (AWS documents
 *   GetWebACLForResource as not for CloudFront; the distribution's config holds it), so
 *   ztm lists the web ACLs of scope CLOUDFRONT in us-east-1: none at all means none can be associated.
 */
import { globalRegion, parseArn } from '../arn.js';
import { type CheckContext, send, wafPages } from '../context.js';
import { FailedCall, type Observed, observe } from '../observed.js';
import { type AclRules, readAclRules } from './rules.js';

export type WafScope = 'REGIONAL' | 'CLOUDFRONT';

export type WafAssociation =
  | { readonly kind: 'none'; readonly region: string }
  | { readonly kind: 'associated'; readonly name: string; readonly arn: string; readonly scope: WafScope; readonly region: string; readonly rules: AclRules }
  | { readonly kind: 'cloudfront'; readonly webAcls: readonly string[] };

export interface WafObservation {
  readonly association: Observed<WafAssociation>;
  /** Only for an associated web ACL. */
  readonly logging: Observed<boolean> | undefined;
}

type Raw = Record<string, unknown>;

/** Scope and Region of a web ACL from its ARN: `.../global/webacl/...` is CLOUDFRONT in us-east-1. */
export function webAclLocation(aclArn: string): { scope: WafScope; region: string } | undefined {
  const arn = parseArn(aclArn);
  if (!arn || arn.service !== 'wafv2') return undefined;
  return arn.resource.startsWith('global/') ? { scope: 'CLOUDFRONT', region: globalRegion(arn.partition) } : { scope: 'REGIONAL', region: arn.region };
}

export async function observeWaf(ctx: CheckContext, resourceArn: string): Promise<WafObservation> {
  const arn = parseArn(resourceArn);
  if (arn?.service === 'cloudfront') {
    const association = await observe(async (log): Promise<WafAssociation> => {
      const pages = await wafPages(ctx, log, globalRegion(arn.partition), 'ListWebACLs', { Scope: 'CLOUDFRONT' });
      const webAcls = pages.flatMap((p) => (Array.isArray(p.WebACLs) ? (p.WebACLs as Raw[]) : [])).map((w) => String(w.Name ?? w.ARN ?? '?'));
      return { kind: 'cloudfront', webAcls };
    });
    return { association, logging: undefined };
  }
  const region = arn?.region || ctx.region;
  const association = await observe(async (log): Promise<WafAssociation> => {
    const found = await send(ctx, log, { service: 'wafv2', region, operation: 'GetWebACLForResource', input: { ResourceArn: resourceArn } });
    const summary = found.WebACL as Raw | undefined;
    if (!summary) return { kind: 'none', region };
    const name = String(summary.Name ?? '');
    const aclArn = String(summary.ARN ?? '');
    const where = webAclLocation(aclArn) ?? { scope: 'REGIONAL' as const, region };
    const full = await send(ctx, log, { service: 'wafv2', region: where.region, operation: 'GetWebACL', input: { Name: name, Scope: where.scope, Id: String(summary.Id ?? '') } });
    return { kind: 'associated', name, arn: aclArn, scope: where.scope, region: where.region, rules: readAclRules((full.WebACL ?? {}) as Raw) };
  });
  if (!association.ok || association.value.kind !== 'associated') return { association, logging: undefined };
  const acl = association.value;
  const logging = await observe(async (log) => {
    try {
      const answer = await send(ctx, log, { service: 'wafv2', region: acl.region, operation: 'GetLoggingConfiguration', input: { ResourceArn: acl.arn } });
      return answer.LoggingConfiguration !== undefined;
    } catch (err) {
      if (err instanceof FailedCall && err.error.code === 'WAFNonexistentItemException') return false;
      throw err;
    }
  });
  return { association, logging };
}
