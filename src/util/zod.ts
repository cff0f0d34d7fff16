/**
 * zod, as every schema of ztm uses it: without its just-in-time compiler,
 * which builds parsers with `new Function`. ztm runs on files anyone can change
 * in a pull request and never evaluates code; nothing from an input reaches
 * that compiler, but a tool that says "never eval" should not eval at all.
 * Measured: about 10 % slower validation of a 10,000-component model.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };

/** The JSON Schema (draft 2020-12) of what a zod schema accepts as input, under its published id and title. */
export function publishedJsonSchema(schema: z.ZodType, id: string, title: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $schema: json.$schema, $id: id, title, ...json };
}

type Issue = z.core.$ZodIssue;
type Path = PropertyKey[];

/** Issues gathered before ztm stops: a million of them would take gigabytes, and no one reads past the first. */
export const MAX_LISTED = 10_000;
/**
 * Entries of a list or mapping that zod checks at once. A longer one is checked a
 * chunk at a time, so ztm can stop once it has enough problems instead of zod
 * gathering one or more for every broken entry of a million. At 5,000, taking a
 * real model's sections apart (10,000 components, 30,000 flows) and joining zod's
 * results cost about 10 % of its validation; at 20,000 nothing measurable, and a
 * chunk of broken entries stays a few hundred MB at most (200,000 report threats
 * that lack every key but `id`: 0.9 s, 274 MB; 280 MB at 5,000, 553 MB at 50,000).
 */
export const CHUNK = 20_000;
const ENOUGH = Symbol('enough issues');
/** A part that does not parse: its issues are in the sink. */
const FAILED = Symbol('failed');
const STOPPED = 'ztm-stopped-listing';

/** `target[key] = v`, where a `__proto__` key is an own key as in the file, not the object's prototype. */
function setOwn(target: Record<string, unknown>, key: string, v: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
  else target[key] = v;
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The issues gathered so far, at most MAX_LISTED; `chunk` entries of a list or mapping are checked at once. */
class Sink {
  readonly issues: Issue[] = [];
  private readonly keyLists = new WeakMap<object, string[]>();
  constructor(readonly chunk: number) {}
  /** A mapping's keys, listed once: listing a million of them takes a quarter of a second. */
  keysOf(value: Record<string, unknown>): string[] {
    let keys = this.keyLists.get(value);
    if (!keys) this.keyLists.set(value, (keys = Object.keys(value)));
    return keys;
  }
  push(issue: Issue): void {
    if (this.issues.length >= MAX_LISTED) throw ENOUGH;
    this.issues.push(issue);
  }
  /** zod's issues of a part at `path`; `at(issuePath)` places them where the part is not the value zod saw (a chunk). */
  pushAll(issues: readonly Issue[], path: Path, at: (p: PropertyKey[]) => PropertyKey[] = (p) => p): void {
    for (const issue of issues) this.push({ ...issue, path: [...path, ...at(issue.path)] });
  }
}

type Def = z.core.$ZodTypeDef & Record<string, z.core.$ZodType & Record<string, z.core.$ZodType>> & { checks?: unknown[] };
const defOf = (schema: z.core.$ZodType) => schema._zod.def as Def;
/** Wrappers whose output, for a value that is there, is their inner schema's. */
const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable']);

/** A key of a record that its key schema refuses, as zod reports one. */
const invalidKey = (path: Path, key: string, issues: readonly Issue[]): Issue => ({ code: 'invalid_key', origin: 'record', path, input: key, issues, message: 'Invalid key in record' }) as Issue;

export interface BoundedOptions {
  /** Entries checked at once in a long list or mapping (tests make it small). */
  readonly chunk?: number;
}

/**
 * `schema.safeParse(value)`, with work bounded by the problems ztm lists. A value
 * with a list or mapping of more than CHUNK entries is checked part by part, down
 * the schema, and each long list or mapping a chunk at a time; checking stops once
 * MAX_LISTED issues are gathered (the last issue then says so). Without that, zod
 * gathers an issue for every broken entry first: a million broken components took
 * 24 s and 2.5 GB, and past about 100,000 issues in one list zod overflows the
 * stack (it spreads them into one call); there, too, the value is checked part by part.
 * A valid value gives zod's own result, whichever way it was checked.
 */
export function safeParseBounded<T extends z.ZodType>(schema: T, value: unknown, options: BoundedOptions = {}): z.ZodSafeParseResult<z.output<T>> {
  const sink = new Sink(options.chunk ?? CHUNK);
  let result: z.ZodSafeParseResult<z.output<T>> | undefined;
  let overflowed = false;
  if (!isLarge(schema, value, sink)) {
    try {
      result = schema.safeParse(value);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      overflowed = true;
    }
  }
  if (result === undefined) {
    const data = gather(schema, value, sink, overflowed);
    result = (data !== FAILED && sink.issues.length === 0 ? { success: true, data } : { success: false, error: new z.ZodError(sink.issues) }) as z.ZodSafeParseResult<z.output<T>>;
    // Past the problems ztm lists, it checks nothing more.
    if (listingStopped(sink.issues)) return result;
  }
  const proto = protoKeys(schema, value, result.success ? result.data : undefined, []);
  if (proto.length === 0) return result;
  return { success: false, error: new z.ZodError([...(result.success ? [] : result.error.issues), ...proto]) } as z.ZodSafeParseResult<z.output<T>>;
}

/** Whether a schema holds a record anywhere ztm's walk below reaches (cached: schemas are built once). */
const holdsRecord = new WeakMap<z.core.$ZodType, boolean>();

/**
 * zod skips a `__proto__` key of a record without checking it, while the YAML and JSON readers
 * make it an own key: a component with that id, or a severity override of that rule id, would
 * vanish without a word. Here each such key is checked as zod checks any other (the key, then its
 * value): its issues, and when both are valid the parsed value is put back in `data` (an own
 * property, never the prototype) so that what reads the result sees it and can refuse it.
 * Only the parts of the schema that hold a record are walked.
 */
function protoKeys(schema: z.core.$ZodType, value: unknown, data: unknown, path: Path): Issue[] {
  if (!reachesRecord(schema) || value === null || typeof value !== 'object') return [];
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return protoKeys(def.innerType!, value, data, path);
  const below = (s: z.core.$ZodType, key: PropertyKey): Issue[] => {
    const v = (value as Record<PropertyKey, unknown>)[key as string];
    const d = data !== null && typeof data === 'object' ? (data as Record<PropertyKey, unknown>)[key as string] : undefined;
    return Object.hasOwn(value, key) ? protoKeys(s, v, d, [...path, key]) : [];
  };
  switch (def.type) {
    case 'array':
      return Array.isArray(value) && reachesRecord(def.element!) ? value.flatMap((_, i) => below(def.element!, i)) : [];
    case 'object':
      return Object.entries(def.shape as unknown as Record<string, z.core.$ZodType>).flatMap(([key, s]) => below(s, key));
    case 'record': {
      // Entries are walked only where a record sits below them: a model's 10,000 components need not be.
      const issues = reachesRecord(def.valueType!) ? Object.keys(value).filter((k) => k !== '__proto__').flatMap((k) => below(def.valueType!, k)) : [];
      if (!Object.hasOwn(value, '__proto__')) return issues;
      const at = [...path, '__proto__'];
      const key = z.safeParse(def.keyType!, '__proto__');
      if (!key.success) return [...issues, invalidKey(at, '__proto__', key.error.issues)];
      const entry = z.safeParse(def.valueType!, (value as Record<string, unknown>)['__proto__']);
      if (!entry.success) return [...issues, ...entry.error.issues.map((i) => ({ ...i, path: [...at, ...i.path] }))];
      if (data !== null && typeof data === 'object') Object.defineProperty(data, '__proto__', { value: entry.data, enumerable: true, writable: true, configurable: true });
      return issues;
    }
    default:
      return [];
  }
}

function reachesRecord(schema: z.core.$ZodType): boolean {
  const known = holdsRecord.get(schema);
  if (known !== undefined) return known;
  holdsRecord.set(schema, false); // a schema that refers to itself
  const def = defOf(schema);
  const inner = WRAPPERS.has(def.type) ? [def.innerType!] : def.type === 'array' ? [def.element!] : def.type === 'object' ? Object.values(def.shape as unknown as Record<string, z.core.$ZodType>) : [];
  const holds = def.type === 'record' || inner.some(reachesRecord);
  holdsRecord.set(schema, holds);
  return holds;
}

/** The issues gathered part by part, every list, mapping and object taken apart (exported for tests: they must be zod's). */
export function issuesByParts(schema: z.ZodType, value: unknown): Issue[] {
  const sink = new Sink(1);
  gather(schema, value, sink, true);
  return sink.issues;
}

/** Whether the issues end with the note that ztm stopped listing them (and stopped checking). */
export function listingStopped(issues: readonly Issue[]): boolean {
  const last = issues[issues.length - 1];
  return last?.code === 'custom' && last.params?.[STOPPED] === true;
}

function gather(schema: z.core.$ZodType, value: unknown, sink: Sink, split = false): unknown {
  try {
    return part(schema, value, [], sink, split);
  } catch (stop) {
    if (stop !== ENOUGH) throw stop;
    sink.issues.push({ code: 'custom', path: [], input: value, params: { [STOPPED]: true }, message: `ztm stopped listing problems after the first ${MAX_LISTED.toLocaleString('en-US')}; fix them, then check again` } as Issue);
    return FAILED;
  }
}

/** A list or mapping whose schema checks only its entries, so any chunk of it can be checked on its own. */
const chunkable = (def: Def) => !def.checks?.length && (def.type === 'array' || (def.type === 'record' && def.keyType!._zod.values === undefined));

/** Whether `value` holds, down the objects of `schema`, a list or mapping longer than a chunk. */
function isLarge(schema: z.core.$ZodType, value: unknown, sink: Sink): boolean {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return value !== undefined && value !== null && isLarge(def.innerType!, value, sink);
  if (def.type === 'array') return chunkable(def) && Array.isArray(value) && value.length > sink.chunk;
  if (def.type === 'record') return chunkable(def) && isMapping(value) && sink.keysOf(value).length > sink.chunk;
  if (def.type !== 'object' || def.checks?.length || !isMapping(value)) return false;
  const shape = def.shape as unknown as Record<string, z.core.$ZodType>;
  for (const key of sink.keysOf(value)) if (Object.hasOwn(shape, key) && isLarge(shape[key]!, value[key], sink)) return true;
  return false;
}

/**
 * `value` parsed by zod, or its issues in the sink; where zod overflows, taken apart, or (`split`
 * false: it cannot be) noted as too many to list.
 */
function whole(schema: z.core.$ZodType, value: unknown, path: Path, sink: Sink, split = true): unknown {
  let result;
  try {
    result = z.safeParse(schema, value);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    if (split) return part(schema, value, path, sink, true);
    sink.push({ code: 'custom', path, input: value, message: 'holds more problems than ztm can list at once; fix the ones reported around it, then check again' } as Issue);
    return FAILED;
  }
  if (result.success) return result.data;
  sink.pushAll(result.error.issues, path);
  return FAILED;
}

/**
 * `value` under `schema` at `path`, taken apart where it is large (or, with `split`, where zod
 * overflowed on it): an object's long lists and mappings each on their own, and each of those a
 * chunk of entries at a time. The parsed value, or FAILED with the issues in the sink.
 */
function part(schema: z.core.$ZodType, value: unknown, path: Path, sink: Sink, split: boolean): unknown {
  const def = defOf(schema);
  if (WRAPPERS.has(def.type) && value !== undefined && value !== null) return part(def.innerType!, value, path, sink, split);
  const size = split ? 1 : sink.chunk;
  if (chunkable(def) && def.type === 'array' && Array.isArray(value) && (split || value.length > size)) return list(schema, value, path, sink, size);
  if (chunkable(def) && def.type === 'record' && isMapping(value)) {
    const keys = sink.keysOf(value);
    if (split || keys.length > size) return mapping(schema, value, keys, path, sink, size);
  }
  if (def.type === 'object' && !def.checks?.length && isMapping(value)) {
    const shape = def.shape as unknown as Record<string, z.core.$ZodType>;
    const own = (key: string) => Object.hasOwn(shape, key) && value[key] !== null && typeof value[key] === 'object';
    const apart = sink.keysOf(value).filter(split ? own : (key) => Object.hasOwn(shape, key) && isLarge(shape[key]!, value[key], sink));
    if (apart.length > 0) return object(schema, shape, value, apart, path, sink);
  }
  // Where zod overflowed: not a list, mapping or object where the schema has one, or a schema ztm does not take apart (a union).
  return whole(schema, value, path, sink, !split);
}

/** A list, `size` entries at a time. */
function list(schema: z.core.$ZodType, value: unknown[], path: Path, sink: Sink, size: number): unknown {
  const parsed: unknown[][] = [];
  let ok = true;
  for (let start = 0; start < value.length; start += size) {
    const chunk = value.slice(start, start + size);
    const at = (p: PropertyKey[]) => [start + (p[0] as number), ...p.slice(1)];
    let result;
    try {
      result = z.safeParse(schema, chunk);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      // One entry holds more problems than zod can gather: each on its own.
      for (let i = 0; i < chunk.length; i++) ok = whole(defOf(schema).element!, chunk[i], [...path, start + i], sink) !== FAILED && ok;
      continue;
    }
    if (!result.success) {
      sink.pushAll(result.error.issues, path, at);
      ok = false;
    } else if (ok) parsed.push(result.data as unknown[]);
  }
  return ok ? parsed.flat() : FAILED;
}

/**
 * An empty object made for many keys: V8 keeps an object whose key was deleted as a hash table,
 * where a fresh one would build a hidden class for each of a thousand keys (a tenth of the time
 * of checking them).
 */
function manyKeys(): Record<string, unknown> {
  const o: Record<string, unknown> = { many: true };
  delete o.many;
  return o;
}

/** A mapping, `size` keys at a time. */
function mapping(schema: z.core.$ZodType, value: Record<string, unknown>, keys: readonly string[], path: Path, sink: Sink, size: number): unknown {
  const out = manyKeys();
  let ok = true;
  for (let start = 0; start < keys.length; start += size) {
    const chunk = manyKeys();
    const end = Math.min(keys.length, start + size);
    for (let i = start; i < end; i++) setOwn(chunk, keys[i]!, value[keys[i]!]);
    let result;
    try {
      result = z.safeParse(schema, chunk);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      // One entry holds more problems than zod can gather: each on its own.
      for (let i = start; i < end; i++) ok = entry(schema, value, keys[i]!, path, sink) && ok;
      continue;
    }
    if (!result.success) {
      sink.pushAll(result.error.issues, path);
      ok = false;
    } else if (ok) {
      // zod leaves a `__proto__` key out of what it parses, so these are ordinary keys.
      const data = result.data as Record<string, unknown>;
      for (const key of Object.keys(data)) out[key] = data[key];
    }
  }
  return ok ? out : FAILED;
}

/** One entry of a mapping, its key and its value each checked on its own; false if either is wrong. */
function entry(schema: z.core.$ZodType, value: Record<string, unknown>, key: string, path: Path, sink: Sink): boolean {
  const def = defOf(schema);
  const k = z.safeParse(def.keyType!, key);
  if (k.success) return whole(def.valueType!, value[key], [...path, key], sink) !== FAILED;
  sink.push(invalidKey([...path, key], key, k.error.issues));
  return false;
}

/**
 * An object whose keys `apart` are checked on their own: its own issues (unknown and missing keys,
 * wrong scalars, short lists) come from a copy where those keys hold an empty list or mapping.
 * Issues are gathered in the order of the value's keys, as the file writes them.
 */
function object(schema: z.core.$ZodType, shape: Record<string, z.core.$ZodType>, value: Record<string, unknown>, apart: readonly string[], path: Path, sink: Sink): unknown {
  const shell: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    setOwn(shell, key, apart.includes(key) ? (Array.isArray(v) ? [] : {}) : v);
  }
  let result;
  try {
    result = z.safeParse(schema, shell);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return part(schema, value, path, sink, true);
  }
  // The shell's issues by the key they are under; those of the object itself, or of a key it lacks, first.
  const under = new Map<string, Issue[]>();
  const first: Issue[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = issue.path[0];
      if (typeof key === 'string' && apart.includes(key)) continue;
      if (typeof key === 'string' && Object.hasOwn(value, key)) {
        const list = under.get(key);
        if (list) list.push(issue);
        else under.set(key, [issue]);
      } else first.push(issue);
    }
  }
  sink.pushAll(first, path);
  const data = result.success ? (result.data as Record<string, unknown>) : undefined;
  let ok = data !== undefined;
  for (const key of Object.keys(value)) {
    if (apart.includes(key)) {
      const d = part(shape[key]!, value[key], [...path, key], sink, false);
      if (d === FAILED) ok = false;
      else if (data) data[key] = d;
    } else sink.pushAll(under.get(key) ?? [], path);
  }
  return ok ? data : FAILED;
}
