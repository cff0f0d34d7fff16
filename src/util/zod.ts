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
  try {
    return schema.safeParse(value);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return { success: false, error: new z.ZodError(issuesByParts(schema, value)) } as z.ZodSafeParseResult<z.output<T>>;
  }
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
