/**
 * The shape check (zod) that keeps going: when the whole model does not parse,
 * each boundary, data asset, component, flow and acceptance is parsed on its
 * own, so the reference checks can still run over the entries that are fine.
 */
import type { z } from 'zod';
import type { Omitted } from './references.js';
import { listingStopped, safeParseBounded } from '../util/zod.js';
import { Acceptance, Account, Architecture, Boundary, Component, DataAsset, Flow } from './schema.js';

export interface ShapeResult {
  /** The model, or the part of it whose entries have the right shape. */
  readonly model: Architecture;
  readonly issues: readonly z.core.$ZodIssue[];
  /** What was left out; undefined when the whole model parsed. */
  readonly omitted: Omitted | undefined;
}

type Raw = Record<string, unknown>;
const isMapping = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);

export function checkShape(value: Raw): ShapeResult {
  // A `__proto__` id is not valid (ids start with a letter or digit): safeParseBounded reports it like any invalid id.
  const parsed = safeParseBounded(Architecture, value);
  if (parsed.success) return { model: parsed.data, issues: [], omitted: undefined };
  const issues = parsed.error.issues;
  // Past the problems ztm lists, it checks nothing more: each section is left out whole.
  if (listingStopped(issues)) return { model: emptyModel(value, undefined), issues, omitted: ALL_OMITTED };

  // Entries named by an issue's path are broken; an issue on a whole section breaks the section.
  const broken = new Map<string, Set<PathKey> | 'all'>();
  for (const { path } of issues) {
    const [section, entry] = path as (string | number)[];
    if (typeof section !== 'string') continue;
    if (entry === undefined) broken.set(section, 'all');
    else {
      const set = broken.get(section) ?? new Set<PathKey>();
      if (set !== 'all') broken.set(section, set.add(entry));
    }
  }
  const brokenIn = (section: string) => broken.get(section) ?? new Set<PathKey>();

  const records = <T extends z.ZodType>(section: string, schema: T) => {
    const raw = value[section];
    const bad = brokenIn(section);
    const out: Record<string, z.output<T>> = {};
    const omitted = new Set<string>();
    if (!isMapping(raw) || bad === 'all') return { out, omitted: 'all' as const };
    for (const id of Object.keys(raw)) {
      const r = bad.has(id) ? undefined : safeParseBounded(schema, raw[id]);
      if (r?.success) Object.defineProperty(out, id, { value: r.data, enumerable: true, writable: true, configurable: true });
      else omitted.add(id);
    }
    return { out, omitted };
  };
  const list = <T extends z.ZodType>(section: string, schema: T) => {
    const raw = value[section] ?? [];
    const bad = brokenIn(section);
    const out: z.output<T>[] = [];
    const index: number[] = [];
    const omittedItems: unknown[] = [];
    if (!Array.isArray(raw) || bad === 'all') return { out, index, omittedItems, all: true };
    raw.forEach((item, i) => {
      const r = bad.has(i) ? undefined : safeParseBounded(schema, item);
      if (r?.success) {
        out.push(r.data);
        index.push(i);
      } else omittedItems.push(item);
    });
    return { out, index, omittedItems, all: false };
  };

  const boundaries = records('boundaries', Boundary);
  const data = records('data', DataAsset);
  const components = records('components', Component);
  const flows = list('flows', Flow);
  const accept = list('accept', Acceptance);
  const account = brokenIn('account') === 'all' || !isMapping(value.account ?? {}) ? undefined : safeParseBounded(Account, value.account ?? {});

  const model = {
    ...emptyModel(value, account?.success ? account.data : undefined),
    boundaries: boundaries.out,
    data: data.out,
    components: components.out,
    flows: flows.out,
    accept: accept.out,
  } as Architecture;
  const omitted: Omitted = {
    flowIndex: flows.index,
    acceptIndex: accept.index,
    boundaries: boundaries.omitted,
    data: data.omitted,
    components: components.omitted,
    flows: flows.all ? 'all' : new Set(flows.omittedItems.flatMap(rawFlowName)),
    account: !account?.success,
  };
  return { model, issues, omitted };
}

type PathKey = string | number;

const ALL_OMITTED: Omitted = { flowIndex: [], acceptIndex: [], boundaries: 'all', data: 'all', components: 'all', flows: 'all', account: true };

/** A model with no entries, named as the file names it. */
function emptyModel(value: Raw, account: Architecture['account'] | undefined): Architecture {
  const name = typeof value.name === 'string' ? value.name : '';
  return { ztm: 1, name, assumptions: [], out_of_scope: [], account: account ?? Account.parse({}), boundaries: {}, data: {}, components: {}, flows: [], accept: [] } as Architecture;
}

/** The name a flow with shape errors would have had, when its ends are readable. */
function rawFlowName(item: unknown): string[] {
  if (!isMapping(item)) return [];
  if (typeof item.id === 'string') return [item.id];
  return typeof item.from === 'string' && typeof item.to === 'string' ? [`${item.from}->${item.to}`] : [];
}
