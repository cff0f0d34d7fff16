/** The zero-trust posture: three pillar scores with the open threats that weaken each. */
import { scorePosture } from '../posture.js';
import { escapeMarkdown } from '../escape.js';
import { heading, plural, severityText } from './blocks.js';
import { type ReviewContext, capped, elementLabel, escapedOnce, threatRef } from './context.js';
import { perimeterTable } from './perimeter.js';

export function postureSection(ctx: ReviewContext): string[] {
  const lines = [
    ...heading(2, 'Zero-trust posture'),
    'Each pillar scores the share of its threats, weighted by severity (critical 8, high 4, medium 2, low 1), that declared controls mitigate. Accepted risks still count against it. A threat belongs to every pillar one of its recommended controls serves.',
    '',
  ];
  for (const p of scorePosture(ctx.result)) {
    for (const line of heading(3, `${p.pillar.title}: ${p.score}/100 (${p.rating})`)) lines.push(line);
    lines.push(`${escapeMarkdown(p.pillar.principle)} ${plural(p.total, 'threat')} bear on it; ${p.mitigated} mitigated, ${p.open.length} open, ${p.accepted.length} accepted.`);
    if (p.open.length > 0) {
      const { shown, rest } = capped(p.open, (n) => `- and ${plural(n, 'more open threat')}, in the threat register`);
      lines.push('', 'Open threats that weaken it, most severe first:', '');
      for (const t of shown) lines.push(`- ${severityText(t.severity)}: ${escapedOnce(ctx, t.title)} on ${elementLabel(ctx, t.element)} (${threatRef(ctx, t)})`);
      if (rest) lines.push(rest);
    }
    lines.push('');
  }
  return lines.concat(perimeterTable(ctx));
}
