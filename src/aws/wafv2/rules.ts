/**
 * What a web ACL's rules do. A managed rule group blocks unless its OverrideAction
 * is Count (then it only counts); a rate-based rule blocks when its Action is Block
 * (Captcha and Challenge also stop automated clients; Count does not).
 */

export const REQUIRED_BLOCKING = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesSQLiRuleSet'] as const;
export const KNOWN_BAD_INPUTS = 'AWSManagedRulesKnownBadInputsRuleSet';

export interface AclRules {
  /** AWS managed rule groups that block. */
  readonly blocking: readonly string[];
  /** AWS managed rule groups that only count (OverrideAction Count). */
  readonly countOnly: readonly string[];
  /** Rate-based rules that block, challenge or ask for a CAPTCHA. */
  readonly rateRules: readonly { readonly name: string; readonly limit: number | undefined }[];
  /** Rate-based rules that only count. */
  readonly countOnlyRateRules: readonly string[];
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined);
const has = (o: Raw | undefined, key: string): boolean => o !== undefined && obj(o[key]) !== undefined;

export function readAclRules(webAcl: Raw): AclRules {
  const blocking: string[] = [];
  const countOnly: string[] = [];
  const rateRules: { name: string; limit: number | undefined }[] = [];
  const countOnlyRateRules: string[] = [];
  for (const rule of Array.isArray(webAcl.Rules) ? (webAcl.Rules as Raw[]) : []) {
    const statement = obj(rule.Statement);
    const name = typeof rule.Name === 'string' ? rule.Name : '?';
    const group = obj(statement?.ManagedRuleGroupStatement);
    if (group && group.VendorName === 'AWS' && typeof group.Name === 'string') {
      (has(obj(rule.OverrideAction), 'Count') ? countOnly : blocking).push(group.Name);
    }
    const rate = obj(statement?.RateBasedStatement);
    if (rate) {
      const action = obj(rule.Action);
      if (has(action, 'Block') || has(action, 'Captcha') || has(action, 'Challenge')) {
        rateRules.push({ name, limit: typeof rate.Limit === 'number' ? rate.Limit : undefined });
      } else {
        countOnlyRateRules.push(name);
      }
    }
  }
  return { blocking, countOnly, rateRules, countOnlyRateRules };
}

/** Required groups that do not block (absent, or present under Count). */
export function missingBlocks(rules: AclRules, wanted: readonly string[] = [...REQUIRED_BLOCKING, KNOWN_BAD_INPUTS]): { name: string; state: 'absent' | 'count-only' }[] {
  return wanted
    .filter((g) => !rules.blocking.includes(g))
    .map((name) => ({ name, state: rules.countOnly.includes(name) ? ('count-only' as const) : ('absent' as const) }));
}
