/**
 * Users, groups, roles and customer managed policies, from GetAccountAuthorizationDetails
 * followed to its last page, and the policies that apply to each principal.
 */
import { type CheckContext, iamPages } from '../context.js';
import { type Observed, observe } from '../observed.js';
import { KNOWN_AWS_MANAGED, type WildcardUse, wildcardUses } from '../policy-document.js';

export type PrincipalType = 'user' | 'group' | 'role';

export interface Principal {
  readonly type: PrincipalType;
  readonly name: string;
  readonly arn: string;
  readonly path: string;
  readonly inline: readonly { readonly name: string; readonly document: unknown }[];
  readonly attached: readonly { readonly name: string; readonly arn: string }[];
}

export interface AuthorizationDetails {
  readonly principals: readonly Principal[];
  /** Customer managed policies: ARN → default version's document. */
  readonly managed: ReadonlyMap<string, { readonly name: string; readonly document: unknown }>;
}

type Raw = Record<string, unknown>;
const arr = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const LISTS: readonly [PrincipalType, string, string, string][] = [
  ['user', 'UserDetailList', 'UserName', 'UserPolicyList'],
  ['group', 'GroupDetailList', 'GroupName', 'GroupPolicyList'],
  ['role', 'RoleDetailList', 'RoleName', 'RolePolicyList'],
];

export function readAuthorizationDetails(pages: readonly Raw[]): AuthorizationDetails {
  const principals: Principal[] = [];
  const managed = new Map<string, { name: string; document: unknown }>();
  for (const page of pages) {
    for (const [type, listKey, nameKey, inlineKey] of LISTS) {
      for (const p of arr(page[listKey])) {
        principals.push({
          type,
          name: str(p[nameKey]),
          arn: str(p.Arn),
          path: str(p.Path) || '/',
          inline: arr(p[inlineKey]).map((i) => ({ name: str(i.PolicyName), document: i.PolicyDocument })),
          attached: arr(p.AttachedManagedPolicies).map((a) => ({ name: str(a.PolicyName), arn: str(a.PolicyArn) })),
        });
      }
    }
    for (const policy of arr(page.Policies)) {
      const version = arr(policy.PolicyVersionList).find((v) => v.IsDefaultVersion === true);
      if (version) managed.set(str(policy.Arn), { name: str(policy.PolicyName), document: version.Document });
    }
  }
  return { principals, managed };
}

export function observeAuthorizationDetails(ctx: CheckContext): Promise<Observed<AuthorizationDetails>> {
  return ctx.once('authorization-details', () =>
    observe(async (log) => {
      const pages = await iamPages(ctx, log, 'GetAccountAuthorizationDetails', { Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy'] });
      return readAuthorizationDetails(pages);
    }),
  );
}

export interface PrincipalGrants {
  readonly uses: readonly WildcardUse[];
  /** Attached AWS managed policies ztm did not read (not in KNOWN_AWS_MANAGED). */
  readonly unread: readonly string[];
}

const AWS_MANAGED_ARN = /^arn:aws[a-z-]*:iam::aws:policy\//;

/** The broad grants in a principal's inline, customer managed and well-known AWS managed policies. */
export function principalGrants(p: Principal, details: AuthorizationDetails): PrincipalGrants {
  const uses: WildcardUse[] = [];
  const unread: string[] = [];
  // One push per grant: a replayed policy can hold any number of statements, past what a spread call takes.
  for (const i of p.inline) for (const u of wildcardUses(`${i.name} (inline)`, i.document)) uses.push(u);
  for (const a of p.attached) {
    const local = details.managed.get(a.arn);
    if (local) {
      for (const u of wildcardUses(a.name, local.document)) uses.push(u);
    } else if (AWS_MANAGED_ARN.test(a.arn) && Object.hasOwn(KNOWN_AWS_MANAGED, a.name)) {
      const known = KNOWN_AWS_MANAGED[a.name]!;
      uses.push({ policy: `${a.name} (AWS managed)`, statement: 'all', kind: known.kind, detail: known.detail });
    } else {
      unread.push(a.name);
    }
  }
  return { uses, unread };
}

/** The role a component names by name or ARN (`arn:aws:iam::123456789012:role/path/name`). */
export function findRole(details: AuthorizationDetails, nameOrArn: string): Principal | undefined {
  const roles = details.principals.filter((p) => p.type === 'role');
  if (nameOrArn.startsWith('arn:')) return roles.find((r) => r.arn === nameOrArn);
  const name = nameOrArn.includes('/') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
  return roles.find((r) => r.name === name);
}
