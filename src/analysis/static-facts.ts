/**
 * Facts that depend only on a component's kind, or on a flow's signature
 * (protocol, auth, and the kinds of its two ends). Element facts read these
 * attributes from here (see facts-builder.ts), so the two can never disagree,
 * and a rule's conjuncts that read nothing else are decided once per kind or
 * signature instead of once per element (see prefilter.ts).
 */
import { cached } from '../util/cached.js';
import { AUTH_METHODS } from '../model/catalog/auth.js';
import { COMPONENT_KINDS } from '../model/catalog/kinds.js';
import { PROTOCOLS } from '../model/catalog/protocols.js';
import type { ComponentNode, FlowNode } from '../model/graph.js';

/** The component attributes a kind decides. */
export const KIND_ATTRIBUTES: ReadonlySet<string> = new Set(['kind', 'element_type', 'traits', 'human']);

/** The flow attributes a signature decides, its ends' kind attributes included. */
export const SIGNATURE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'protocol', 'web', 'auth', 'authenticated', 'auth_strong', 'auth_long_lived',
  ...[...KIND_ATTRIBUTES].flatMap((a) => [`from.${a}`, `to.${a}`]),
]);

type Kind = ComponentNode['kind'];

export class KindFacts {
  [attribute: string]: unknown;
  readonly element_type: string;
  readonly traits: readonly string[];
  readonly human: boolean;

  constructor(readonly kind: Kind) {
    const info = COMPONENT_KINDS[kind];
    this.element_type = info.element;
    this.traits = info.traits;
    this.human = info.traits.includes('human' as never);
  }
}

export class SignatureFacts {
  [attribute: string]: unknown;
  readonly web: boolean;
  readonly authenticated: boolean;
  readonly auth_strong: boolean;
  readonly auth_long_lived: boolean;

  constructor(
    readonly protocol: FlowNode['def']['protocol'],
    readonly auth: FlowNode['auth'],
    readonly from: KindFacts,
    readonly to: KindFacts,
  ) {
    const a = AUTH_METHODS[auth];
    this.web = PROTOCOLS[protocol].web;
    this.authenticated = a.authenticates;
    this.auth_strong = a.strong;
    this.auth_long_lived = a.longLived;
  }
}

/** One KindFacts per kind and one SignatureFacts per signature, for one analysis. */
export class StaticFactsIndex {
  private readonly kinds = new Map<Kind, KindFacts>();
  /** protocol → auth → sender kind → receiver kind: lookups by catalog names, no key built. */
  private readonly signatures = new Map<string, Map<string, Map<Kind, Map<Kind, SignatureFacts>>>>();

  kindOf(c: ComponentNode): KindFacts {
    return cached(this.kinds, c.kind, (kind) => new KindFacts(kind));
  }

  signatureOf(f: FlowNode): SignatureFacts {
    const protocol = f.def.protocol;
    let byAuth = this.signatures.get(protocol);
    if (!byAuth) this.signatures.set(protocol, (byAuth = new Map()));
    let byFrom = byAuth.get(f.auth);
    if (!byFrom) byAuth.set(f.auth, (byFrom = new Map()));
    let byTo = byFrom.get(f.from.kind);
    if (!byTo) byFrom.set(f.from.kind, (byTo = new Map()));
    let s = byTo.get(f.to.kind);
    if (!s) byTo.set(f.to.kind, (s = new SignatureFacts(protocol, f.auth, this.kindOf(f.from), this.kindOf(f.to))));
    return s;
  }
}
