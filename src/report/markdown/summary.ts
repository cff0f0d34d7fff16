/** Counts by category, severity and status, and the gate's verdict. */
import { CATEGORIES, CATEGORY_TITLES, SEVERITIES, STATUSES } from '../../analysis/threat.js';
import { escapeMarkdown } from '../escape.js';
import { gateLine } from '../gate-line.js';
import { STATUS_TEXT, heading, table } from './blocks.js';
import type { ReviewContext } from './context.js';

export function summarySection({ result, verdict }: ReviewContext): string[] {
  const s = result.summary;
  const open = s.byStatus.open + s.byStatus['acceptance-expired'];
  const byCategory = CATEGORIES.map((c) => {
    const row = s.byCategory[c];
    return [CATEGORY_TITLES[c], ...SEVERITIES.map((sev) => (row[sev] ? String(row[sev]) : '·')), String(row.open), String(row.total - row.open), String(row.total)];
  });
  const totals = ['**Total**', ...SEVERITIES.map((sev) => `**${s.openBySeverity[sev]}**`), `**${open}**`, `**${s.total - open}**`, `**${s.total}**`];
  return [
    ...heading(2, 'Summary'),
    `**${s.total}** threats: **${open} open**, ${s.byStatus.mitigated} mitigated, ${s.byStatus.accepted} accepted${s.byStatus['acceptance-expired'] ? `, ${s.byStatus['acceptance-expired']} with an expired acceptance (counted as open)` : ''}.`,
    '',
    'Open threats by STRIDE category and severity:',
    '',
    ...table(['Category', ...SEVERITIES, 'Open', 'Closed', 'Total'], [...byCategory, totals], ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r']),
    '',
    ...table(['Status', 'Threats'], STATUSES.map((st) => [STATUS_TEXT[st], String(s.byStatus[st])]), ['l', 'r']),
    '',
    `**Gate** (fail on ${verdict.failOn}): ${verdict.failed ? '❌' : '✅'} ${escapeMarkdown(gateLine(verdict))}`,
  ];
}
