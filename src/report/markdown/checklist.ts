/** The control checklist: recommended controls grouped by AWS service, the threats each closes, and whether it is declared. */
import type { Threat } from '../../analysis/threat.js';
import { CONTROLS, isKnownControl } from '../../model/catalog/controls.js';
import type { ModelGraph } from '../../model/graph.js';
import { escapeMarkdown, markdownId } from '../escape.js';
import { compareText } from '../threat-order.js';
import { heading } from './blocks.js';
import { type ReviewContext, capped, threatRef } from './context.js';
import { registerOrder } from './register-order.js';
import { serviceOf } from './register.js';

/** Services in the order a zero-trust review walks them: identity, edge, encryption, visibility; the rest alphabetically. */
const SERVICE_ORDER = ['IAM', 'IAM Identity Center', 'Amazon Cognito', 'AWS WAF', 'AWS WAF / API Gateway', 'AWS Shield', 'ACM Private CA', 'ACM / ELB', 'AWS KMS', 'AWS CloudTrail', 'Amazon GuardDuty'];

/** The control is declared where the threat lives (on the component, the flow or its receiver, or the account). */
export function isDeclared(graph: ModelGraph | undefined, t: Threat, control: string): boolean {
  if (t.mitigatedBy.includes(control)) return true;
  if (!graph) return false;
  const component = graph.components.get(t.element);
  if (component) return component.controls.has(control);
  const flow = graph.flowsByName.get(t.element);
  if (flow) return flow.controls.has(control) || flow.to.controls.has(control);
  if (t.element === 'account') return graph.account.controls.includes(control as never);
  return false;
}

interface Item {
  readonly control: string;
  readonly service: string;
  /** In the register's order. */
  readonly threats: Threat[];
}

/** Each recommended control with its threats. The service is that of the first threat, in the analysis' order, to recommend it. */
function items(ctx: ReviewContext): Item[] {
  const byControl = new Map<string, Item>();
  for (const t of ctx.result.threats) {
    for (const control of t.controls) {
      if (!byControl.has(control)) byControl.set(control, { control, service: serviceOf(control, t.recommendations.find((r) => r.control === control)!.service), threats: [] });
    }
  }
  for (const t of registerOrder(ctx)) for (const control of t.controls) byControl.get(control)!.threats.push(t);
  return [...byControl.values()];
}

function compareServices(a: string, b: string): number {
  const rank = (s: string) => (SERVICE_ORDER.includes(s) ? SERVICE_ORDER.indexOf(s) : SERVICE_ORDER.length);
  return rank(a) - rank(b) || compareText(a, b);
}

/** `- [x] control: what it does. Closes: ✓ threat, ✗ threat, …`. */
function itemLine(ctx: ReviewContext, item: Item): string {
  const { threats, control } = item;
  const { shown, rest } = capped(threats, (n) => `and ${n} more in the threat register`);
  const marks = shown.map((t) => `${isDeclared(ctx.graph, t, control) ? '✓' : '✗'} ${threatRef(ctx, t)}`);
  let declared = 0;
  for (const t of threats) if (isDeclared(ctx.graph, t, control)) declared++;
  if (rest) marks.push(`${rest} (declared for ${declared} of all ${threats.length})`);
  const what = isKnownControl(control) ? escapeMarkdown(CONTROLS[control].description) : 'Team-specific control.';
  return `- [${declared === threats.length ? 'x' : ' '}] ${markdownId(control)}: ${what} Closes: ${marks.join(', ')}`;
}

export function checklistSection(ctx: ReviewContext): string[] {
  const all = items(ctx);
  const lines = heading(2, 'Control checklist');
  if (all.length === 0) return [...lines, 'No control is recommended.'];
  lines.push('Ticked: declared on every element whose threat it closes. Each threat is marked ✓ where the control is declared and ✗ where it is missing.', '');
  const services = [...new Set(all.map((i) => i.service))].sort(compareServices);
  for (const service of services) {
    for (const line of heading(3, escapeMarkdown(service))) lines.push(line);
    for (const item of all.filter((i) => i.service === service).sort((a, b) => compareText(a.control, b.control))) lines.push(itemLine(ctx, item));
    lines.push('');
  }
  return lines;
}
