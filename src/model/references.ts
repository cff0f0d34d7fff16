/**
 * Checks a model beyond its shape: every reference resolves, no boundary
 * cycles, flows unambiguous; plus the warnings that do not fail. Works on a
 * partial model too (the entries that passed the shape check), staying silent
 * about references to entries whose own errors are already reported.
 */
import { PROTOCOLS } from './catalog/protocols.js';
import type { Diagnostic } from './diagnostics.js';
import { flowName } from './graph.js';
import { type IdList, ReferredIds } from './referred-ids.js';
import type { Architecture } from './schema.js';
import type { PathSegment, SourceMap } from './source-map.js';
import { ACCOUNT_ELEMENT, checkUniqueIds } from './unique-ids.js';
import { acceptedThreat } from './threat-id.js';
import { didYouMean } from '../util/suggest.js';
import { isCalendarDate, notACalendarDate } from '../util/calendar-date.js';

export interface CheckContext {
  readonly file: string;
  readonly map: SourceMap | undefined;
  /** Today, as YYYY-MM-DD: acceptance expiry is judged against it. */
  readonly today: string;
}

/** What the shape check left out of a model. */
export interface Omitted {
  /** File index of each entry of `model.flows` / `model.accept` (entries with shape errors are left out). */
  readonly flowIndex: readonly number[];
  readonly acceptIndex: readonly number[];
  /** Names written in the file whose entries have shape errors; 'all' when the whole section is unusable. */
  readonly boundaries: ReadonlySet<string> | 'all';
  readonly data: ReadonlySet<string> | 'all';
  readonly components: ReadonlySet<string> | 'all';
  /** Flow names (`from->to` or id) of flows with shape errors. */
  readonly flows: ReadonlySet<string> | 'all';
  readonly account: boolean;
}

export const EXPIRY_WARNING_DAYS = 30;

const NOTHING_OMITTED: Omitted = { flowIndex: [], acceptIndex: [], boundaries: new Set(), data: new Set(), components: new Set(), flows: new Set(), account: false };
const omits = (set: ReadonlySet<string> | 'all', id: string) => set === 'all' || set.has(id);

export function checkReferences(model: Architecture, ctx: CheckContext, omitted: Omitted = NOTHING_OMITTED): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], path: PathSegment[], code: string, message: string, key: boolean) => {
    const at = ctx.map ? (key ? ctx.map.keyAt(path) : ctx.map.valueAt(path)) : { line: 1, column: 1 };
    out.push({ severity, file: ctx.file, ...at, code, message });
  };
  const error = (path: PathSegment[], code: string, message: string, key = false) => report('error', path, code, message, key);
  const warn = (path: PathSegment[], code: string, message: string, key = false) => report('warning', path, code, message, key);

  const boundaryIds = new Set(Object.keys(model.boundaries));
  // Which components and data assets the flows and stores refer to: for the unused warnings.
  const componentIds = new ReferredIds(Object.keys(model.components));
  const dataIds = new ReferredIds(Object.keys(model.data));
  // Suggestions also come from entries left out for their own errors.
  const named = (ids: IdList, left: ReadonlySet<string> | 'all') => (left === 'all' || left.size === 0 ? ids : [...ids, ...left]);
  const boundaryNames = named(boundaryIds, omitted.boundaries);
  const componentNames = named(componentIds, omitted.components);
  const dataNames = named(dataIds, omitted.data);
  const missingBoundary = (id: string) => !boundaryIds.has(id) && !omits(omitted.boundaries, id);
  const missingComponent = (id: string) => !componentIds.has(id) && !omits(omitted.components, id);
  const unknownEnd = (id: string) => !componentIds.refer(id) && !omits(omitted.components, id);
  const missingData = (id: string) => !dataIds.refer(id) && !omits(omitted.data, id);

  for (const id of boundaryIds) {
    const b = model.boundaries[id]!;
    if (b.in !== undefined && missingBoundary(b.in)) {
      error(['boundaries', id, 'in'], 'unknown-reference', `boundary "${id}" is in "${b.in}", which is not a boundary${didYouMean(b.in, boundaryNames)}`);
    }
  }
  const cycles = boundaryCycles(model.boundaries);
  for (const cycle of cycles) {
    error(['boundaries', cycle[0]!], 'boundary-cycle', `boundaries nest in a cycle: ${[...cycle, cycle[0]].join(' -> ')}; a boundary cannot be inside itself, so remove one of the \`in\` keys`, true);
  }
  if (cycles.length === 0) {
    for (const id of tooDeepBoundaries(model.boundaries)) {
      error(['boundaries', id, 'in'], 'boundary-too-deep', `boundary "${id}" is inside ${MAX_BOUNDARY_DEPTH} other boundaries; ztm reads at most ${MAX_BOUNDARY_DEPTH} levels of them (an organization, an account, a Region, a VPC and a subnet are five). Flatten the nesting`);
    }
  }

  for (const id of componentIds) {
    const c = model.components[id]!;
    if (c.in !== undefined && missingBoundary(c.in)) {
      error(['components', id, 'in'], 'unknown-reference', `component "${id}" is in "${c.in}", which is not a boundary${didYouMean(c.in, boundaryNames)}`);
    }
    for (let i = 0; i < c.stores.length; i++) {
      const d = c.stores[i]!;
      if (missingData(d)) error(['components', id, 'stores', i], 'unknown-reference', `component "${id}" stores "${d}", which is not a data asset${didYouMean(d, dataNames)}`);
    }
  }

  const flowNames = new Map<string, number>();
  for (let k = 0; k < model.flows.length; k++) {
    const f = model.flows[k]!;
    const i = omitted.flowIndex[k] ?? k;
    const n = `flow #${i + 1}`;
    if (unknownEnd(f.from)) error(['flows', i, 'from'], 'unknown-reference', `${n} comes from "${f.from}", which is not a component${didYouMean(f.from, componentNames)}`);
    if (unknownEnd(f.to)) error(['flows', i, 'to'], 'unknown-reference', `${n} goes to "${f.to}", which is not a component${didYouMean(f.to, componentNames)}`);
    if (f.from === f.to) error(['flows', i], 'self-flow', `${n} goes from "${f.from}" to itself; model the internal call inside the component instead`, true);
    for (let j = 0; j < f.data.length; j++) {
      const d = f.data[j]!;
      if (missingData(d)) error(['flows', i, 'data', j], 'unknown-reference', `${n} carries "${d}", which is not a data asset${didYouMean(d, dataNames)}`);
    }
    if (f.tls === true && PROTOCOLS[f.protocol].encrypted === 'never') {
      error(['flows', i, 'tls'], 'contradiction', `${n} says tls: true but ${f.protocol} is plaintext by definition; use ${f.protocol === 'http' ? 'https' : f.protocol === 'ws' ? 'wss' : 'an encrypted protocol'} or remove \`tls\``);
    }
    const name = flowName(f);
    const first = flowNames.get(name);
    if (first !== undefined) {
      const fix = f.id !== undefined ? 'give each flow a different id' : 'merge them or give each an `id`';
      error(['flows', i], 'duplicate-flow', `${n} has the same name "${name}" as flow #${first + 1}; ${fix} so threats on them can be told apart`, true);
    } else flowNames.set(name, i);
  }

  if (model.updated !== undefined && !isCalendarDate(model.updated)) error(['updated'], 'invalid-value', notACalendarDate('the model was updated on', model.updated));

  const ct = model.account.cloudtrail;
  if (typeof ct === 'object' && ct.bucket !== undefined && !omitted.account) {
    const path = ['account', 'cloudtrail', 'bucket'];
    if (missingComponent(ct.bucket)) error(path, 'unknown-reference', `the CloudTrail bucket "${ct.bucket}" is not a component${didYouMean(ct.bucket, componentNames)}`);
    else if (componentIds.has(ct.bucket) && model.components[ct.bucket]!.kind !== 's3') {
      error(path, 'wrong-kind', `the CloudTrail bucket "${ct.bucket}" is a ${model.components[ct.bucket]!.kind}, not an s3 bucket; name the s3 component that receives the logs`);
    }
  }

  checkUniqueIds(model, ctx.map, omitted.flowIndex, error);
  checkAcceptances(model, ctx, omitted, { componentIds, boundaryIds, flowNames }, error, warn);

  if (out.length && out.some((d) => d.severity === 'error')) return out;
  if (omitted !== NOTHING_OMITTED) return out;
  unusedWarnings(model, componentIds, dataIds, warn);
  return out;
}

type Report = (path: PathSegment[], code: string, message: string, key?: boolean) => void;

function checkAcceptances(
  model: Architecture,
  ctx: CheckContext,
  omitted: Omitted,
  ids: { componentIds: IdList; boundaryIds: ReadonlySet<string>; flowNames: ReadonlyMap<string, number> },
  error: Report,
  warn: Report,
): void {
  const isElement = (on: string) => on === ACCOUNT_ELEMENT || ids.componentIds.has(on) || ids.boundaryIds.has(on) || ids.flowNames.has(on)
    || omits(omitted.components, on) || omits(omitted.boundaries, on) || omits(omitted.flows, on);
  const accepted = new Map<string, { index: number; line?: number }>();
  const lineOf = (first: { index: number; line?: number }) => (first.line ??= ctx.map?.keyAt(['accept', first.index]).line ?? 1);
  for (let k = 0; k < model.accept.length; k++) {
    const a = model.accept[k]!;
    const i = omitted.acceptIndex[k] ?? k;
    const n = `acceptance #${i + 1}`;
    if (a.on !== undefined || a.threat.includes('@')) {
      const threat = acceptedThreat(a);
      const first = accepted.get(threat);
      if (first === undefined) accepted.set(threat, { index: i });
      else error(['accept', i], 'duplicate-acceptance', `threat ${threat} is already accepted at line ${lineOf(first)}; keep one acceptance per threat`, true);
    }
    if (a.on !== undefined && !isElement(a.on)) {
      const all = [...ids.componentIds, ...ids.boundaryIds, ...ids.flowNames.keys(), ACCOUNT_ELEMENT];
      error(['accept', i, 'on'], 'unknown-reference', `${n} is on "${a.on}", which is not a component, flow, boundary or "account"${didYouMean(a.on, all)}`);
    }
    if (a.on === undefined && !a.threat.includes('@')) {
      error(['accept', i, 'threat'], 'missing-key', `${n} names the rule "${a.threat}" without \`on\`: say which element it accepts, or use the threat's stable id (rule@element)`);
    }
    if (!isCalendarDate(a.expires)) {
      error(['accept', i, 'expires'], 'invalid-value', notACalendarDate(`${n} expires on`, a.expires));
      continue;
    }
    const days = daysBetween(ctx.today, a.expires);
    if (days < 0) warn(['accept', i, 'expires'], 'acceptance-expired', `${n} expired on ${a.expires}; the threat counts as open again until it is renewed`);
    else if (days <= EXPIRY_WARNING_DAYS) warn(['accept', i, 'expires'], 'acceptance-expiring', `${n} expires in ${days} day${days === 1 ? '' : 's'} (${a.expires}); renew it or fix the threat`);
  }
}

function unusedWarnings(model: Architecture, componentIds: ReferredIds, dataIds: ReferredIds, warn: Report): void {
  const ct = model.account.cloudtrail;
  const trailBucket = typeof ct === 'object' ? ct.bucket : undefined;
  for (const id of componentIds) {
    if (!componentIds.isReferred(id) && trailBucket !== id) {
      warn(['components', id], 'unconnected', `component "${id}" has no flows; threats that depend on who talks to it cannot be found (add its flows, or remove it)`, true);
    }
  }
  for (const id of dataIds) {
    if (!dataIds.isReferred(id)) warn(['data', id], 'unused-data', `data asset "${id}" is neither stored nor carried by any flow; add it to a component's \`stores\` or a flow's \`data\`, or remove it`, true);
  }
}

/** Levels of boundaries inside boundaries that a model may have: far more than AWS nests, few enough for any walk. */
export const MAX_BOUNDARY_DEPTH = 32;

/**
 * The boundaries one level past MAX_BOUNDARY_DEPTH, the outermost being level 1: one per chain
 * that is too deep, not one per boundary below it. Boundaries without cycles form a forest;
 * each depth is found walking up to a boundary whose depth is known, without recursion.
 */
function tooDeepBoundaries(boundaries: Architecture['boundaries']): string[] {
  const depth = new Map<string, number>();
  const out: string[] = [];
  for (const start of Object.keys(boundaries).sort()) {
    const chain: string[] = [];
    let cur: string | undefined = start;
    while (cur !== undefined && !depth.has(cur) && Object.hasOwn(boundaries, cur)) {
      chain.push(cur);
      cur = boundaries[cur]!.in;
    }
    let level = cur !== undefined ? (depth.get(cur) ?? 0) : 0;
    for (let i = chain.length - 1; i >= 0; i--) {
      depth.set(chain[i]!, ++level);
      if (level === MAX_BOUNDARY_DEPTH + 1) out.push(chain[i]!);
    }
  }
  return out;
}

function boundaryCycles(boundaries: Architecture['boundaries']): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of Object.keys(boundaries).sort()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let cur: string | undefined = start;
    while (cur !== undefined && !done.has(cur) && Object.hasOwn(boundaries, cur)) {
      const idx = onPath.get(cur);
      if (idx !== undefined) {
        cycles.push(path.slice(idx));
        break;
      }
      onPath.set(cur, path.length);
      path.push(cur);
      cur = boundaries[cur]!.in;
    }
    for (const p of path) done.add(p);
  }
  return cycles;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
