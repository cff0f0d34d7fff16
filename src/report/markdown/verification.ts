/** Live verification: each checked control as verified, contradicted (drift) or unverifiable. */
import { escapeMarkdown, markdownId } from '../escape.js';
import { orderedChecks, verificationHeadline } from '../verification.js';
import { heading, table } from './blocks.js';
import type { ReviewContext } from './context.js';

const MARK = { verified: '✓ verified', contradicted: '✗ contradicted', unverifiable: '? unverifiable' } as const;

export function verificationSection(ctx: ReviewContext): string[] {
  const v = ctx.result.verification;
  if (!v) return [];
  const rows = orderedChecks(v).map((c) => [markdownId(c.element), markdownId(c.control), MARK[c.status], escapeMarkdown(c.reason)]);
  // An array literal, not push(...): a large account has more checks than a spread call takes.
  const lines = [
    ...heading(2, 'Live verification'),
    escapeMarkdown(verificationHeadline(v)),
    '',
    'Declared controls that ztm checked against the account. A contradicted control is drift: it is not counted as a mitigation and it fails the gate.',
    '',
    ...table(['Element', 'Control', 'Status', 'What the account showed'], rows),
  ];
  if (v.notChecked?.length) lines.push('', `Declared only (not checked live): ${v.notChecked.map((n) => `${markdownId(n.control)} on ${markdownId(n.element)}`).join(', ')}.`);
  return lines;
}
