/** Turns zod issues into positioned, actionable diagnostics. */
import type { z } from 'zod';
import { didYouMean } from '../util/suggest.js';
import type { Diagnostic } from './diagnostics.js';
import type { PathSegment, SourceMap } from './source-map.js';

type Issue = z.core.$ZodIssue;

export function zodDiagnostics(file: string, map: SourceMap, root: unknown, issues: readonly Issue[], knownKeys: (path: readonly PathSegment[]) => readonly string[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = map.keyAt([...path, key]);
        const hint = didYouMean(key, knownKeys(path));
        out.push({ severity: 'error', file, ...at, code: 'unknown-key', message: `${describePath(path)} has an unknown key "${key}"${hint}` });
      }
      continue;
    }
    const isKeyIssue = issue.code === 'invalid_key';
    const at = isKeyIssue ? map.keyAt(path) : map.valueAt(path);
    out.push({ severity: 'error', file, ...at, code: codeOf(issue), message: `${describePath(path)}: ${explain(issue, valueAt(root, path), path)}` });
  }
  return out;
}

function codeOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_value':
    case 'invalid_union':
      return 'unknown-value';
    case 'invalid_type':
      return issue.input === undefined ? 'missing-key' : 'wrong-type';
    default:
      return 'invalid-value';
  }
}

function explain(issue: Issue, value: unknown, path: readonly PathSegment[]): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return `is required (${typeName(issue.expected)} expected)`;
      return `expected ${typeName(issue.expected)}, found ${describeValue(value)}`;
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      if (options.length === 1) return `must be ${JSON.stringify(issue.values[0])}, found ${describeValue(value)}`;
      return `${describeValue(value)} is not one of ${listOptions(options)}${didYouMean(String(value), options)}`;
    }
    case 'invalid_union': {
      const options = issue.errors.flat().flatMap((e) => (e.code === 'invalid_value' ? e.values.map(String) : []));
      const custom = path.includes('controls') ? '; team-specific controls start with "x-"' : '';
      if (options.length && typeof value === 'string') {
        return `unknown ${lastName(path)} ${JSON.stringify(value)}${didYouMean(value, options)}${custom}`;
      }
      const firstMessages = issue.errors.map((e) => e[0]?.message).filter(Boolean);
      return `${describeValue(value)} does not match any accepted form (${firstMessages.join('; or ')})`;
    }
    case 'invalid_key':
      return `the key ${JSON.stringify(path[path.length - 1])} is not valid: ${issue.issues[0]?.message ?? 'bad key'}`;
    case 'too_big':
      return `is too long (at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'})`;
    case 'too_small':
      return issue.origin === 'string' ? 'must not be empty' : `needs at least ${String(issue.minimum)} items`;
    default:
      return issue.message;
  }
}

function lastName(path: readonly PathSegment[]): string {
  const named = [...path].reverse().find((s) => typeof s === 'string') as string | undefined;
  if (named === 'controls') return 'control';
  return named ?? 'value';
}

function typeName(expected: string): string {
  switch (expected) {
    case 'object':
    case 'record':
      return 'a mapping (key: value)';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'number':
      return 'a number';
    default:
      return expected;
  }
}

export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  return String(v);
}

function listOptions(options: readonly string[]): string {
  if (options.length > 8) return `the ${options.length} accepted values (see \`ztm schema\`)`;
  return options.map((o) => JSON.stringify(o)).join(', ');
}

/** How a person would name the place: `component "db"`, `flow #3`, `boundaries.vpc`. */
export function describePath(path: readonly PathSegment[]): string {
  const [head, second, ...rest] = path;
  const tail = rest.length ? ` ${rest.join('.')}` : '';
  if (head === undefined) return 'the model';
  if (second === undefined) return String(head);
  switch (head) {
    case 'components':
      return `component "${String(second)}"${tail}`;
    case 'boundaries':
      return `boundary "${String(second)}"${tail}`;
    case 'data':
      return `data asset "${String(second)}"${tail}`;
    case 'flows':
      return `flow #${Number(second) + 1}${tail}`;
    case 'accept':
      return `acceptance #${Number(second) + 1}${tail}`;
    default:
      return path.join('.');
  }
}

function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.hasOwn(v, seg) ? (v as Record<PathSegment, unknown>)[seg] : undefined;
  }
  return v;
}
