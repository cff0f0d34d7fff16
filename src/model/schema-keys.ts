/** What a schema accepts at a path: its keys (for "did you mean" on unknown keys), its kind, the bounds of a number. */
import type { z } from 'zod';
import type { PathSegment } from './source-map.js';

type AnySchema = z.core.$ZodType;

/** The schema of the value at `path`, unwrapped (optional, default...), or undefined where the schema says nothing. */
export function schemaAt(schema: AnySchema, path: readonly PathSegment[]): AnySchema | undefined {
  let s: AnySchema | undefined = unwrap(schema);
  for (const seg of path) {
    if (!s) return undefined;
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') {
      const shape = def.shape as Record<string, AnySchema>;
      s = Object.hasOwn(shape, String(seg)) ? shape[String(seg)] : undefined;
    }
    else if (def.type === 'record') s = def.valueType as AnySchema;
    else if (def.type === 'array') s = def.element as AnySchema;
    else if (def.type === 'union') s = (def.options as AnySchema[]).map(unwrap).find((o) => o._zod.def.type === 'object');
    else return undefined;
    s = s && unwrap(s);
  }
  return s;
}

export function keysAt(schema: AnySchema, path: readonly PathSegment[]): string[] {
  let s = schemaAt(schema, path);
  if (s && s._zod.def.type === 'union') s = (s._zod.def as unknown as { options: AnySchema[] }).options.map(unwrap).find((o) => o._zod.def.type === 'object');
  return s && s._zod.def.type === 'object' ? Object.keys((s._zod.def as unknown as { shape: object }).shape) : [];
}

/** What a number schema accepts: whole numbers or any, and its bounds (a whole number is always within ±(2^53 - 1)). */
export interface NumberRange {
  readonly whole: boolean;
  readonly min?: { readonly value: number; readonly inclusive: boolean };
  readonly max?: { readonly value: number; readonly inclusive: boolean };
}

export function numberRangeAt(schema: AnySchema, path: readonly PathSegment[]): NumberRange | undefined {
  const s = schemaAt(schema, path);
  if (!s || s._zod.def.type !== 'number') return undefined;
  const checks = ((s._zod.def as unknown as { checks?: { _zod: { def: { check: string; format?: string; value?: number; inclusive?: boolean } } }[] }).checks ?? []).map((c) => c._zod.def);
  const whole = checks.some((c) => c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32' || c.format === 'uint32'));
  const bound = (kind: string, fallback: number) => {
    const c = checks.find((x) => x.check === kind);
    if (c) return { value: c.value!, inclusive: c.inclusive ?? true };
    return whole ? { value: fallback, inclusive: true } : undefined;
  };
  return { whole, min: bound('greater_than', Number.MIN_SAFE_INTEGER), max: bound('less_than', Number.MAX_SAFE_INTEGER) };
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = s._zod.def as unknown as { type: string; innerType?: AnySchema };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable') && def.innerType) s = def.innerType;
    else return s;
  }
}
