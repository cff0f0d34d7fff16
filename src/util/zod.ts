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

/** Issues gathered part by part before ztm stops: a million of them would take gigabytes, and no one reads past the first. */
const MAX_LISTED = 10_000;
const ENOUGH = Symbol('enough issues');
type Path = PropertyKey[];

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * `schema.safeParse(value)`, whatever the number of problems in the value. zod
 * gathers the issues of a list or mapping by spreading them into one call, which
 * overflows the stack once a single value holds about 100,000 problems (a 30 MiB
 * model of flows that each lack a key). There, the value is checked part by part,
 * down the schema, and the issues are gathered one at a time. Such a value never
 * parses, so the result is then a failure.
 */
export function safeParseBounded<T extends z.ZodType>(schema: T, value: unknown): z.ZodSafeParseResult<z.output<T>> {
  let result: z.ZodSafeParseResult<z.output<T>>;
  try {
    result = schema.safeParse(value);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return { success: false, error: new z.ZodError(issuesByParts(schema, value)) } as z.ZodSafeParseResult<z.output<T>>;
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
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, z.core.$ZodType & Record<string, z.core.$ZodType>>;
  const below = (s: z.core.$ZodType, key: PropertyKey): Issue[] => {
    const v = (value as Record<PropertyKey, unknown>)[key as string];
    const d = data !== null && typeof data === 'object' ? (data as Record<PropertyKey, unknown>)[key as string] : undefined;
    return Object.hasOwn(value, key) ? protoKeys(s, v, d, [...path, key]) : [];
  };
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
      return protoKeys(def.innerType!, value, data, path);
    case 'array':
      return Array.isArray(value) ? value.flatMap((_, i) => below(def.element!, i)) : [];
    case 'object':
      return Object.entries(def.shape as unknown as Record<string, z.core.$ZodType>).flatMap(([key, s]) => below(s, key));
    case 'record': {
      const issues = Object.keys(value).filter((k) => k !== '__proto__').flatMap((k) => below(def.valueType!, k));
      if (!Object.hasOwn(value, '__proto__')) return issues;
      const at = [...path, '__proto__'];
      const key = z.safeParse(def.keyType!, '__proto__');
      if (!key.success) return [...issues, { code: 'invalid_key', origin: 'record', path: at, input: '__proto__', issues: key.error.issues, message: 'Invalid key in record' } as Issue];
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
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, z.core.$ZodType>;
  const inner = def.type === 'default' || def.type === 'prefault' || def.type === 'optional' || def.type === 'nullable' ? [def.innerType!] : def.type === 'array' ? [def.element!] : def.type === 'object' ? Object.values(def.shape as unknown as Record<string, z.core.$ZodType>) : [];
  const holds = def.type === 'record' || inner.some(reachesRecord);
  holdsRecord.set(schema, holds);
  return holds;
}

/** The issues gathered part by part, as safeParseBounded does where zod overflows (exported for tests). */
export function issuesByParts(schema: z.ZodType, value: unknown): Issue[] {
  const issues: Issue[] = [];
  try {
    issuesByPart(schema, value, [], issues);
  } catch (stop) {
    if (stop !== ENOUGH) throw stop;
    issues.push({ code: 'custom', path: [], input: value, message: `ztm stopped listing problems after the first ${MAX_LISTED.toLocaleString('en-US')}; fix them, then check again` } as Issue);
  }
  return issues;
}

/**
 * The issues of `value` under `schema`, at `path`, pushed onto `out`; where zod overflows, gathered
 * part by part, or (`split` false: the value cannot be taken apart) noted as too many to list.
 */
function issuesOf(schema: z.core.$ZodType, value: unknown, path: Path, out: Issue[], split = true): void {
  let result;
  try {
    result = z.safeParse(schema, value);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    if (split) issuesByPart(schema, value, path, out);
    else push(out, { code: 'custom', path, input: value, message: 'holds more problems than ztm can list at once; fix the ones reported around it, then check again' } as Issue);
    return;
  }
  if (!result.success) for (const issue of result.error.issues) push(out, { ...issue, path: [...path, ...issue.path] });
}

function push(out: Issue[], issue: Issue): void {
  if (out.length >= MAX_LISTED) throw ENOUGH;
  out.push(issue);
}

/** Where zod overflowed: each entry of a list or mapping, each key of an object, checked on its own. */
function issuesByPart(schema: z.core.$ZodType, value: unknown, path: Path, out: Issue[]): void {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, z.core.$ZodType & Record<string, z.core.$ZodType>>;
  switch (def.type) {
    case 'default':
    case 'prefault':
    case 'optional':
    case 'nullable':
      return issuesOf(def.innerType!, value, path, out);
    case 'array':
      if (!Array.isArray(value)) break;
      for (let i = 0; i < value.length; i++) issuesOf(def.element!, value[i], [...path, i], out);
      return;
    case 'record':
      if (!isMapping(value)) break;
      for (const key of Object.keys(value)) {
        const k = z.safeParse(def.keyType!, key);
        if (k.success) issuesOf(def.valueType!, value[key], [...path, key], out);
        else push(out, { code: 'invalid_key', origin: 'record', path: [...path, key], input: key, issues: k.error.issues, message: 'Invalid key in record' } as Issue);
      }
      return;
    case 'object': {
      if (!isMapping(value)) break;
      // The object's own issues (unknown and missing keys, wrong scalars) from a copy whose lists and
      // mappings are empty; those are then checked on their own.
      const shape = def.shape as unknown as Record<string, z.core.$ZodType>;
      const shell: Record<string, unknown> = {};
      const nested: string[] = [];
      for (const key of Object.keys(value)) {
        const v = value[key];
        const own = Object.hasOwn(shape, key) && v !== null && typeof v === 'object';
        if (own) nested.push(key);
        Object.defineProperty(shell, key, { value: own ? (Array.isArray(v) ? [] : {}) : v, enumerable: true, writable: true, configurable: true });
      }
      const result = z.safeParse(schema, shell);
      if (!result.success) for (const issue of result.error.issues) if (!nested.includes(issue.path[0] as string)) push(out, { ...issue, path: [...path, ...issue.path] });
      for (const key of nested) issuesOf(shape[key]!, value[key], [...path, key], out);
      return;
    }
  }
  // Not a list, mapping or object where the schema has one, or a schema ztm does not take apart (a union).
  issuesOf(schema, value, path, out, false);
}
