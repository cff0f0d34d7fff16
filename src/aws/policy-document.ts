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

/** Strongest first: a statement is reported once, under the strongest kind it shows. */
const KIND_ORDER: readonly WildcardKind[] = ['full-admin', 'not-action', 'service-wildcard', 'wildcard-action', 'wildcard-resource'];

/** Every broad Allow statement in one policy, once each, with its strongest kind. */
export function wildcardUses(policy: string, document: unknown): WildcardUse[] {
  const uses: WildcardUse[] = [];
  for (const s of statementsOf(document)) {
    if (s.effect !== 'Allow') continue;
    const actions = s.actions ?? [];
    const allResources = s.resources?.includes('*') === true || s.notResources !== undefined;
    const kinds = new Set<WildcardKind>();
    if (actions.includes('*')) kinds.add(allResources ? 'full-admin' : 'wildcard-action');
    if (s.notActions) kinds.add('not-action');
    if (actions.some((a) => SERVICE_WILDCARD.test(a))) kinds.add('service-wildcard');
    if (actions.some((a) => a !== '*' && a.includes('*'))) kinds.add('wildcard-action');
    if (allResources) kinds.add('wildcard-resource');
    const kind = KIND_ORDER.find((k) => kinds.has(k));
    if (!kind) continue;
    const what = s.notActions ? `NotAction ${JSON.stringify(s.notActions)}` : `Action ${JSON.stringify(actions.length === 1 ? actions[0] : actions)}`;
    const on = s.notResources ? `NotResource ${JSON.stringify(s.notResources)}` : `Resource ${JSON.stringify(s.resources?.length === 1 ? s.resources[0] : (s.resources ?? []))}`;
    uses.push({ policy, statement: s.id, kind, detail: `${what} on ${on}${s.conditional ? ' (with a Condition)' : ''}` });
  }
  return uses;
}

/**
 * AWS managed policies ztm knows without reading them (GetAccountAuthorizationDetails
 * is asked for customer managed policies only). Their grants, as AWS documents them.
 */
export const KNOWN_AWS_MANAGED: Readonly<Record<string, { kind: WildcardKind; detail: string }>> = {
  AdministratorAccess: { kind: 'full-admin', detail: 'Action "*" on Resource "*"' },
  PowerUserAccess: { kind: 'not-action', detail: 'NotAction ["iam:*","organizations:*","account:*"] on Resource "*"' },
  IAMFullAccess: { kind: 'service-wildcard', detail: 'Action "iam:*" on Resource "*"' },
};

/** `orders-data (inline) statement Bucket: Action "s3:*" on Resource "*"`. */
export function describeUse(use: WildcardUse): string {
  return `${use.policy}${use.statement === 'all' ? '' : ` statement ${use.statement}`}: ${use.detail}`;
}
