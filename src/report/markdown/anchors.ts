/**
 * The anchor of a threat's entry in the register: an explicit, predictable id,
 * `threat-` and the threat's id in lower-case letters and digits, every other
 * run of characters (the `@` between rule and element among them) made one `-`,
 * none at either end.
 */
import { cached } from '../../util/cached.js';
import type { Threat } from '../../analysis/threat.js';
import type { ReviewContext } from './context.js';

export function threatAnchor(ctx: ReviewContext, t: Pick<Threat, 'id' | 'rule' | 'element'>): string {
  const { id, rule, element } = t;
  // An id is its rule and element joined by `@`, and `@` is one of the runs made `-`: the anchor
  // joins the anchor text of each side, and rules and elements repeat across threats.
  if (id.length === rule.length + 1 + element.length && id.charCodeAt(rule.length) === 64 && id.startsWith(rule) && id.endsWith(element)) {
    const r = anchorPart(ctx, rule);
    const e = anchorPart(ctx, element);
    return `threat-${r && e ? `${r}-${e}` : r || e}`;
  }
  return `threat-${anchorText(id)}`;
}

// Already anchor text: lower-case letters and digits in runs joined by single `-`.
const ANCHOR_TEXT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function anchorPart(ctx: ReviewContext, text: string): string {
  if (ANCHOR_TEXT.test(text)) return text;
  return cached(ctx.memo.anchorParts, text, anchorText);
}

function anchorText(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}
