/** STRIDE per element: every element against the six categories, with counts and status. */
import { groupBy } from '../../util/group-by.js';
import { STRIDE_PER_ELEMENT } from '../../analysis/stride-per-element.js';
import { CATEGORIES, type Category, type ElementKind, SEVERITIES, type Threat, isOpen } from '../../analysis/threat.js';
import type { ElementType } from '../../model/catalog/kinds.js';
import { compareText } from '../threat-order.js';
import { heading, linesInRuns, tableHead, tableRow, withFirstCell } from './blocks.js';
import { type ReviewContext, elementLabel, labelOf } from './context.js';

interface Row {
  readonly id: string;
  readonly kind: ElementKind;
  readonly elementType?: ElementType;
}

const LETTERS: Record<Category, string> = { spoofing: 'S', tampering: 'T', repudiation: 'R', 'information-disclosure': 'I', 'denial-of-service': 'D', 'elevation-of-privilege': 'E' };

function applies(row: Row, c: Category): boolean {
  const scope = STRIDE_PER_ELEMENT[c];
  switch (row.kind) {
    case 'component':
      return row.elementType === undefined || scope.elementTypes.includes(row.elementType);
    case 'flow':
      return scope.flows;
    case 'account':
      return scope.account;
    case 'boundary':
      return scope.boundaries;
  }
}

/** Components, then flows, then the account and boundaries: every modelled element, and any other a threat names. */
function rows(ctx: ReviewContext): Row[] {
  const out = new Map<string, Row>();
  if (ctx.graph) {
    // The default sort compares strings by code units, as compareText does, without a call per comparison.
    const components = ctx.graph.components;
    for (const id of [...components.keys()].sort()) out.set(id, { id, kind: 'component', elementType: components.get(id)!.element });
    for (const name of ctx.graph.flows.map((f) => f.name).sort()) out.set(name, { id: name, kind: 'flow' });
  }
  const order: ElementKind[] = ['component', 'flow', 'account', 'boundary'];
  const rest = ctx.result.threats.filter((t) => !out.has(t.element)).sort((a, b) => order.indexOf(a.elementKind) - order.indexOf(b.elementKind) || compareText(a.element, b.element));
  for (const t of rest) out.set(t.element, { id: t.element, kind: t.elementKind });
  return [...out.values()];
}

/** `2 open (high)`, `1 mitigated`, `1 open (medium), 1 accepted`; `·` for none, `n/a` where the category does not apply. */
function cell(threats: readonly Threat[], category: Category, applicable: boolean): string {
  let found = 0;
  let open = 0;
  let worst: number = SEVERITIES.length; // the index in SEVERITIES of the worst open severity
  let accepted = 0;
  let mitigated = 0;
  for (const t of threats) {
    if (t.category !== category) continue;
    found++;
    if (isOpen(t.status)) {
      open++;
      worst = Math.min(worst, SEVERITIES.indexOf(t.severity));
    } else if (t.status === 'accepted') accepted++;
    else if (t.status === 'mitigated') mitigated++;
  }
  if (found === 0) return applicable ? '·' : 'n/a';
  const parts: string[] = [];
  if (open) parts.push(`**${open} open** (${SEVERITIES[worst]!})`);
  if (accepted) parts.push(`${accepted} accepted`);
  if (mitigated) parts.push(`${mitigated} mitigated`);
  return parts.join(', ');
}

/**
 * The row after the element's label, as a table row of its own (`| type | S | … |`): most
 * elements have no threat, and theirs depends only on the kind of element, made once per kind.
 */
function rowTail(row: Row, threats: readonly Threat[] | undefined, unthreatened: Map<string, string>): string {
  const type = row.elementType ?? row.kind;
  let tail = threats === undefined ? unthreatened.get(type) : undefined;
  if (tail === undefined) {
    const cells: string[] = [type];
    for (const c of CATEGORIES) cells.push(cell(threats ?? [], c, applies(row, c)));
    tail = tableRow(cells);
    if (threats === undefined) unthreatened.set(type, tail);
  }
  return tail;
}

export function* matrixSection(ctx: ReviewContext): Generator<string> {
  const byElement = groupBy(ctx.result.threats, (t) => t.element);
  yield* heading(2, 'STRIDE per element');
  yield 'S spoofing, T tampering, R repudiation, I information disclosure, D denial of service, E elevation of privilege. Each cell counts the threats found, with the worst open severity; `·` none found, `n/a` the category does not apply to this kind of element.';
  yield '';
  yield* tableHead(['Element', 'Type', ...CATEGORIES.map((c) => LETTERS[c])]);
  const unthreatened = new Map<string, string>();
  yield* linesInRuns(rows(ctx), (row) => {
    const threats = byElement.get(row.id);
    return withFirstCell(threats ? elementLabel(ctx, row.id) : labelOf(ctx, row.id), rowTail(row, threats, unthreatened));
  });
}
