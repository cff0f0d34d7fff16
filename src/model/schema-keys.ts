/** The keys a schema accepts at a path: for "did you mean" on unknown keys. */
import type { z } from 'zod';
import type { PathSegment } from './source-map.js';

type AnySchema = z.core.$ZodType;

export function keysAt(schema: AnySchema, path: readonly PathSegment[]): string[] {
  let s: AnySchema | undefined = unwrap(schema);
  for (const seg of path) {
    if (!s) return [];
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') {
      const shape = def.shape as Record<string, AnySchema>;
      s = Object.hasOwn(shape, String(seg)) ? shape[String(seg)] : undefined;
    }
    else if (def.type === 'record') s = def.valueType as AnySchema;
    else if (def.type === 'array') s = def.element as AnySchema;
    else if (def.type === 'union') s = (def.options as AnySchema[]).map(unwrap).find((o) => o._zod.def.type === 'object');
    else return [];
    s = s && unwrap(s);
  }
  if (s && s._zod.def.type === 'union') s = (s._zod.def as unknown as { options: AnySchema[] }).options.map(unwrap).find((o) => o._zod.def.type === 'object');
  return s && s._zod.def.type === 'object' ? Object.keys((s._zod.def as unknown as { shape: object }).shape) : [];
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (;;) {
    const def = s._zod.def as unknown as { type: string; innerType?: AnySchema };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable') && def.innerType) s = def.innerType;
    else return s;
  }
}
