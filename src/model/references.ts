/**
 * Checks a schema-valid model beyond its shape: every reference resolves, no
 * boundary cycles, flows unambiguous; plus the warnings that do not fail.
 */
import { PROTOCOLS } from './catalog/protocols.js';
import type { Diagnostic } from './diagnostics.js';
import { flowName } from './graph.js';
import type { Architecture } from './schema.js';
import type { PathSegment, SourceMap } from './source-map.js';
import { didYouMean } from '../util/suggest.js';

export interface CheckContext {
  readonly file: string;
  readonly map: SourceMap | undefined;
  /** Today, as YYYY-MM-DD: acceptance expiry is judged against it. */
  readonly today: string;
}

export const EXPIRY_WARNING_DAYS = 30;

export function checkReferences(model: Architecture, ctx: CheckContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: PathSegment[], key = false) => (ctx.map ? (key ? ctx.map.keyAt(path) : ctx.map.valueAt(path)) : { line: 1, column: 1 });
  const error = (path: PathSegment[], code: string, message: string, key = false) => out.push({ severity: 'error', file: ctx.file, ...at(path, key), code, message });
  const warn = (path: PathSegment[], code: string, message: string, key = false) => out.push({ severity: 'warning', file: ctx.file, ...at(path, key), code, message });

  const boundaryIds = Object.keys(model.boundaries);
  const componentIds = Object.keys(model.components);
  const dataIds = Object.keys(model.data);
  const has = (o: object, k: string) => Object.hasOwn(o, k);

  for (const [id, b] of Object.entries(model.boundaries)) {
    if (b.in !== undefined && !has(model.boundaries, b.in)) {
      error(['boundaries', id, 'in'], 'unknown-reference', `boundary "${id}" is in "${b.in}", which is not a boundary${didYouMean(b.in, boundaryIds)}`);
    }
  }
  for (const cycle of boundaryCycles(model)) {
    error(['boundaries', cycle[0]!], 'boundary-cycle', `boundaries nest in a cycle: ${[...cycle, cycle[0]].join(' -> ')}; a boundary cannot be inside itself`, true);
  }

  for (const [id, c] of Object.entries(model.components)) {
    if (c.in !== undefined && !has(model.boundaries, c.in)) {
      error(['components', id, 'in'], 'unknown-reference', `component "${id}" is in "${c.in}", which is not a boundary${didYouMean(c.in, boundaryIds)}`);
    }
    c.stores.forEach((d, i) => {
      if (!has(model.data, d)) error(['components', id, 'stores', i], 'unknown-reference', `component "${id}" stores "${d}", which is not a data asset${didYouMean(d, dataIds)}`);
    });
  }

  const seenNames = new Map<string, number>();
  model.flows.forEach((f, i) => {
    const n = `flow #${i + 1}`;
    if (!has(model.components, f.from)) error(['flows', i, 'from'], 'unknown-reference', `${n} comes from "${f.from}", which is not a component${didYouMean(f.from, componentIds)}`);
    if (!has(model.components, f.to)) error(['flows', i, 'to'], 'unknown-reference', `${n} goes to "${f.to}", which is not a component${didYouMean(f.to, componentIds)}`);
    if (f.from === f.to) error(['flows', i], 'self-flow', `${n} goes from "${f.from}" to itself; model the internal call inside the component instead`, true);
    f.data.forEach((d, j) => {
      if (!has(model.data, d)) error(['flows', i, 'data', j], 'unknown-reference', `${n} carries "${d}", which is not a data asset${didYouMean(d, dataIds)}`);
    });
    if (f.tls === true && PROTOCOLS[f.protocol].encrypted === 'never') {
      error(['flows', i, 'tls'], 'contradiction', `${n} says tls: true but ${f.protocol} is plaintext by definition; use ${f.protocol === 'http' ? 'https' : f.protocol === 'ws' ? 'wss' : 'an encrypted protocol'}`);
    }
    const name = flowName(f);
    const first = seenNames.get(name);
    if (first !== undefined) {
      const fix = f.id !== undefined ? 'give each flow a different id' : `merge them or give each an \`id\``;
      error(['flows', i], 'duplicate-flow', `${n} has the same name "${name}" as flow #${first + 1}; ${fix} so threats on them can be told apart`, true);
    } else seenNames.set(name, i);
  });

  const ct = model.account.cloudtrail;
  if (typeof ct === 'object' && ct.bucket !== undefined) {
    const bucket = model.components[ct.bucket];
    if (!bucket) error(['account', 'cloudtrail', 'bucket'], 'unknown-reference', `the CloudTrail bucket "${ct.bucket}" is not a component${didYouMean(ct.bucket, componentIds)}`);
    else if (bucket.kind !== 's3') error(['account', 'cloudtrail', 'bucket'], 'wrong-kind', `the CloudTrail bucket "${ct.bucket}" is a ${bucket.kind}, not an s3 bucket`);
  }

  const elements = [...componentIds, ...boundaryIds, ...model.flows.map(flowName), 'account'];
  model.accept.forEach((a, i) => {
    const n = `acceptance #${i + 1}`;
    if (a.on !== undefined && !elements.includes(a.on)) {
      error(['accept', i, 'on'], 'unknown-reference', `${n} is on "${a.on}", which is not a component, flow, boundary or "account"${didYouMean(a.on, elements)}`);
    }
    if (a.on === undefined && !a.threat.includes('@')) {
      error(['accept', i, 'threat'], 'missing-key', `${n} names the rule "${a.threat}" without \`on\`: say which element it accepts, or use the threat's stable id (rule@element)`);
    }
    if (!isRealDate(a.expires)) {
      error(['accept', i, 'expires'], 'invalid-value', `${n} expires on "${a.expires}", which is not a calendar date`);
    } else {
      const days = daysBetween(ctx.today, a.expires);
      if (days < 0) warn(['accept', i, 'expires'], 'acceptance-expired', `${n} expired on ${a.expires}; the threat counts as open again until it is renewed`);
      else if (days <= EXPIRY_WARNING_DAYS) warn(['accept', i, 'expires'], 'acceptance-expiring', `${n} expires in ${days} day${days === 1 ? '' : 's'} (${a.expires}); renew it or fix the threat`);
    }
  });

  if (out.some((d) => d.severity === 'error')) return out;

  const used = new Set<string>();
  const connected = new Set<string>();
  for (const f of model.flows) {
    connected.add(f.from).add(f.to);
    f.data.forEach((d) => used.add(d));
  }
  for (const [id, c] of Object.entries(model.components)) {
    c.stores.forEach((d) => used.add(d));
    if (!connected.has(id) && !(typeof ct === 'object' && ct.bucket === id)) {
      warn(['components', id], 'unconnected', `component "${id}" has no flows; threats that depend on who talks to it cannot be found`, true);
    }
  }
  for (const id of dataIds) {
    if (!used.has(id)) warn(['data', id], 'unused-data', `data asset "${id}" is neither stored nor carried by any flow`, true);
  }
  return out;
}

function boundaryCycles(model: Architecture): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  for (const start of Object.keys(model.boundaries).sort()) {
    const path: string[] = [];
    let cur: string | undefined = start;
    while (cur !== undefined && !done.has(cur) && Object.hasOwn(model.boundaries, cur)) {
      const idx = path.indexOf(cur);
      if (idx !== -1) {
        cycles.push(path.slice(idx));
        break;
      }
      path.push(cur);
      cur = model.boundaries[cur]!.in;
    }
    path.forEach((p) => done.add(p));
  }
  return cycles;
}

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
