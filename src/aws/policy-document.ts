/**
 * IAM policy documents: decoding (IAM returns them URL-encoded, RFC 3986, and the
 * SDK does not decode them) and the wildcard analysis the checks share.
 * Action, NotAction, Resource and NotResource may each be a string or a list;
 * Statement may be one object or a list.
 */

export interface Statement {
  /** The Sid, or the statement's position (`#1`, from 1) when it has none. */
  readonly id: string;
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[] | undefined;
  readonly notActions: readonly string[] | undefined;
  readonly resources: readonly string[] | undefined;
  readonly notResources: readonly string[] | undefined;
  readonly conditional: boolean;
}

export type WildcardKind =
  /** Allow Action "*" on Resource "*": full administrator (Security Hub IAM.1). */
  | 'full-admin'
  /** Allow with NotAction: every action except those listed. */
  | 'not-action'
  /** Allow `service:*` (Security Hub IAM.21). */
  | 'service-wildcard'
  /** Any other action with a `*` in it (`s3:Get*`). */
  | 'wildcard-action'
  /** Allow on Resource "*" or with NotResource. */
  | 'wildcard-resource';

export interface WildcardUse {
  readonly policy: string;
  readonly statement: string;
  readonly kind: WildcardKind;
  /** What the statement says, briefly: `Action "*" on Resource "*"`. */
  readonly detail: string;
}

/** Decodes a policy document as IAM returns it: URL-encoded JSON text (or already an object). */
export function decodePolicyDocument(document: unknown): unknown {
  if (typeof document !== 'string') return document;
  let decoded = document;
  try {
    decoded = decodeURIComponent(document);
  } catch {
    // not URL-encoded (a raw `%` in a condition value): read it as it is
  }
  try {
    return JSON.parse(decoded);
  } catch {
    return JSON.parse(document);
  }
}

const list = (v: unknown): string[] | undefined =>
  v === undefined ? undefined : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

export function statementsOf(document: unknown): Statement[] {
  const doc = decodePolicyDocument(document) as { Statement?: unknown } | null;
  const raw = doc?.Statement;
  const items = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
  return items.map((s: Record<string, unknown>, i) => ({
    id: typeof s.Sid === 'string' && s.Sid !== '' ? s.Sid : `#${i + 1}`,
    effect: s.Effect === 'Allow' ? 'Allow' : 'Deny',
    actions: list(s.Action),
    notActions: list(s.NotAction),
    resources: list(s.Resource),
    notResources: list(s.NotResource),
    conditional: s.Condition !== undefined,
  }));
}

const SERVICE_WILDCARD = /^[a-z0-9-]+:\*$/i;

/** Every broad grant in one policy, one entry per statement and kind. */
export function wildcardUses(policy: string, document: unknown): WildcardUse[] {
  const uses: WildcardUse[] = [];
  for (const s of statementsOf(document)) {
    if (s.effect !== 'Allow') continue;
    const allResources = s.resources?.includes('*') === true || s.notResources !== undefined;
    const on = s.notResources ? `NotResource ${JSON.stringify(s.notResources)}` : `Resource ${JSON.stringify(s.resources ?? [])}`;
    const when = s.conditional ? ' (with a Condition)' : '';
    const add = (kind: WildcardKind, detail: string) => uses.push({ policy, statement: s.id, kind, detail: `${detail}${when}` });
    const actions = s.actions ?? [];
    if (actions.includes('*') && allResources) add('full-admin', `Action "*" on ${on}`);
    else if (actions.includes('*')) add('wildcard-action', `Action "*" on ${on}`);
    if (s.notActions) add('not-action', `NotAction ${JSON.stringify(s.notActions)} on ${on}`);
    const services = actions.filter((a) => SERVICE_WILDCARD.test(a));
    if (services.length) add('service-wildcard', `Action ${JSON.stringify(services)} on ${on}`);
    const partial = actions.filter((a) => a !== '*' && !SERVICE_WILDCARD.test(a) && a.includes('*'));
    if (partial.length) add('wildcard-action', `Action ${JSON.stringify(partial)} on ${on}`);
    if (allResources && !actions.includes('*')) add('wildcard-resource', `${JSON.stringify(s.actions ?? s.notActions ?? [])} on ${on}`);
  }
  return uses;
}

/**
 * AWS managed policies ztm knows without reading them (GetAccountAuthorizationDetails
 * is asked for customer managed policies only). Their grants, as AWS documents them.
 */
export const KNOWN_AWS_MANAGED: Readonly<Record<string, { kind: WildcardKind; detail: string }>> = {
  AdministratorAccess: { kind: 'full-admin', detail: 'Action "*" on Resource "*" (AWS managed AdministratorAccess)' },
  PowerUserAccess: { kind: 'not-action', detail: 'NotAction iam:*, organizations:*, account:* on Resource "*" (AWS managed PowerUserAccess)' },
  IAMFullAccess: { kind: 'service-wildcard', detail: 'Action "iam:*" on Resource "*" (AWS managed IAMFullAccess)' },
};
