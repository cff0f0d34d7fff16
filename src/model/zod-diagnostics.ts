/**
 * Turns zod issues into positioned diagnostics a person can act on: the
 * element named as a person would (`component "db"`, `flow #3`), the field,
 * what was found, and what to write instead. No zod wording reaches the user.
 */
import type { z } from 'zod';
import { CONTROL_IDS } from './catalog/controls.js';
import { didYouMean } from '../util/suggest.js';
import type { Diagnostic } from './diagnostics.js';
import { type NumberRange, keysAt, numberRangeAt, schemaAt } from './schema-keys.js';
import type { PathSegment, SourceMap } from './source-map.js';
import { valueKind, versionValue } from '../util/value-kind.js';
import { thousands } from '../util/thousands.js';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

const SECTIONS: Record<string, string> = { components: 'component', boundaries: 'boundary', data: 'data asset' };
const ITEMS: Record<string, string> = { flows: 'flow', accept: 'acceptance', rules: 'rule' };
/** How messages name the top level of a model. */
const TOP = 'the model';

/**
 * `document` names the file's top level where a message starts with it ("the
 * rule file has no `rules`"): models, rule files, configs and reports share
 * these messages.
 */
export function zodDiagnostics(file: string, map: SourceMap, root: unknown, issues: readonly Issue[], schema: Schema, document = 'the model'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const named = (message: string) => (document !== TOP && message.startsWith(TOP) ? `${document}${message.slice(TOP.length)}` : message);
  const push = (at: { line: number; column: number }, code: string, message: string) => out.push({ severity: 'error', file, ...at, code, message: named(message) });
  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = didYouMean(key, keysAt(schema, path));
        push(map.keyAt([...path, key]), 'unknown-key', `${owner(path)} has an unknown key ${quoted(key)}${hint}; remove it or fix its spelling`);
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      const [section, key] = path;
      const what = Object.hasOwn(SECTIONS, String(section)) ? SECTIONS[String(section)] : 'key';
      push(map.keyAt(path), 'invalid-id', `${what} id ${quoted(String(key))} is not valid: ${issue.issues[0]?.message ?? 'ids use letters, digits, "-", "_" and "."'}; rename it`);
      continue;
    }
    const found = lookup(root, path);
    if (!found.present && path.length > 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) {
      const parent = path.slice(0, -1);
      push(map.keyAt(parent), 'missing-key', `${owner(parent)} has no \`${String(path[path.length - 1])}\`; add it${advice(issue)}`);
      continue;
    }
    const { code, message } = explain(issue, found.value, path, schema);
    push(map.valueAt(path), code, message);
  }
  return out;
}

function explain(issue: Issue, value: unknown, path: readonly PathSegment[], schema: Schema): { code: string; message: string } {
  const subject = describeEntry(path, schema);
  const range = numberRangeAt(schema, path);
  const isControl = path.includes('controls') && typeof path[path.length - 1] === 'number';
  if (isControl && typeof value === 'string') {
    const where = describePath(path.slice(0, path.lastIndexOf('controls')));
    return { code: 'unknown-control', message: `${where}: unknown control ${JSON.stringify(value)}${didYouMean(value, CONTROL_IDS)}; team-specific controls start with "x-" (see \`ztm schema\` for the catalog)` };
  }
  if (value === null && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) {
    return { code: 'empty-value', message: `${subject} is empty; write ${expectedOf(issue, value)}, or remove the key` };
  }
  switch (issue.code) {
    case 'invalid_type':
      return { code: 'wrong-type', message: `${subject} must be ${range ? numberText(range) : expectedOf(issue, value)}, not ${shown(value, path)}` };
    case 'invalid_value':
      return { code: 'unknown-value', message: unknownValue(path, value, issue.values.map(String), schema) };
    case 'invalid_union': {
      const options = unionValues(issue);
      if (options.length && typeof value === 'string') return { code: 'unknown-value', message: unknownValue(path, value, options, schema) };
      return { code: 'wrong-type', message: `${subject} must be ${expectedOf(issue, value)}, not ${shown(value, path)}` };
    }
    case 'invalid_format':
      return { code: 'invalid-value', message: `${subject} is not valid (${shown(value, path)}): ${issue.message}` };
    case 'too_big':
      if (range) return { code: 'out-of-range', message: `${subject} must be ${numberText(range)}, not ${describeValue(value)}` };
      return { code: 'too-long', message: `${subject} is too long: at most ${String(issue.maximum)} ${issue.origin === 'string' ? 'characters' : 'items'}; shorten it` };
    case 'too_small':
      if (range) return { code: 'out-of-range', message: `${subject} must be ${numberText(range)}, not ${describeValue(value)}` };
      return issue.origin === 'string'
        ? { code: 'empty-value', message: `${subject} must not be empty; write a value or remove the key` }
        : { code: 'invalid-value', message: `${subject} needs at least ${String(issue.minimum)} items` };
    case 'custom':
      return { code: 'invalid-value', message: `${subject}: ${issue.message}` };
    default:
      return { code: 'invalid-value', message: `${subject} is not valid (${shown(value, path)}); see \`ztm schema\` for the accepted form` };
  }
}

function unknownValue(path: readonly PathSegment[], value: unknown, options: readonly string[], schema: Schema): string {
  const subject = describeEntry(path, schema);
  if (options.length === 1) return `${subject} must be ${JSON.stringify(options[0])}, not ${shown(value, path)}`;
  const key = lastKey(path);
  if (typeof value !== 'string' || isRecordEntry(path, schema)) return `${subject} must be ${listOptions(key, options)}, not ${shown(value, path)}`;
  const named = typeof path[path.length - 1] === 'string' ? owner(path.slice(0, -1)) : subject;
  return `${named} has an unknown ${key} ${JSON.stringify(value)}${didYouMean(value, options)}; ${options.length > 8 ? `run \`ztm schema\` to see the ${options.length} accepted values` : `use ${listOptions(key, options)}`}`;
}

/** `a whole number from 0 to 9,007,199,254,740,991`, `a number of at least 1`. */
function numberText(range: NumberRange): string {
  const what = range.whole ? 'a whole number' : 'a number';
  const { min, max } = range;
  if (min?.inclusive && max?.inclusive) return `${what} from ${thousands(min.value)} to ${thousands(max.value)}`;
  const parts = [min && `${min.inclusive ? 'at least' : 'greater than'} ${thousands(min.value)}`, max && `${max.inclusive ? 'at most' : 'less than'} ${thousands(max.value)}`].filter(Boolean);
  return parts.length ? `${what} ${parts.join(' and ')}` : what;
}

/** A value under a key the file chose, in a mapping of such keys (a record: `severity: {<rule id>: low}`), not under a key of the schema. */
function isRecordEntry(path: readonly PathSegment[], schema: Schema): boolean {
  return path.length >= 2 && typeof path[path.length - 1] === 'string' && typeof path[path.length - 2] === 'string' && schemaAt(schema, path.slice(0, -1))?._zod.def.type === 'record';
}

/** describePath, with an entry of a record named by its key: `the severity of "tampering.plaintext-flow"`. */
function describeEntry(path: readonly PathSegment[], schema: Schema): string {
  if (!isRecordEntry(path, schema) || (path.length === 2 && Object.hasOwn(SECTIONS, String(path[0])))) return describePath(path);
  const record = path.slice(0, -1);
  const entry = `the ${String(record[record.length - 1])} of ${JSON.stringify(path[path.length - 1])}`;
  const { element } = split(record);
  return element === TOP ? entry : `${element}: ${entry}`;
}

/** How to fill in a missing key: `: one of "a", "b"`, ` (true or false)`. */
function advice(issue: Issue): string {
  const options = issue.code === 'invalid_value' ? issue.values.map(String) : issue.code === 'invalid_union' ? unionValues(issue) : [];
  if (options.length > 8) return ` (\`ztm schema\` lists the ${options.length} accepted values)`;
  if (options.length) return `: ${listOptions('', options)}`;
  return ` (${expectedOf(issue, undefined)})`;
}

/** What the schema wanted, in words: `true or false`, `one of "a", "b"`. */
function expectedOf(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return typeName(issue.expected);
    case 'invalid_value':
      return issue.values.length === 1 ? JSON.stringify(issue.values[0]) : listOptions(lastKey(issue.path as PathSegment[]), issue.values.map(String));
    case 'invalid_union': {
      const options = unionValues(issue);
      if (options.length && (typeof value === 'string' || value === undefined || value === null)) return listOptions(lastKey(issue.path as PathSegment[]), options);
      const types = [...new Set(issue.errors.map((e) => (e[0]?.code === 'invalid_type' ? typeName(e[0].expected) : 'text')))];
      return types.join(', or ');
    }
    default:
      return 'a value (see `ztm schema`)';
  }
}

function unionValues(issue: Extract<Issue, { code: 'invalid_union' }>): string[] {
  return issue.errors.flat().flatMap((e) => (e.code === 'invalid_value' ? e.values.map(String) : []));
}

function lastKey(path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const s = path[i];
    if (typeof s === 'string') return s === 'controls' ? 'control' : s;
  }
  return 'value';
}

function listOptions(key: string, options: readonly string[]): string {
  if (options.length > 8) return `one of the ${options.length} accepted ${key} values (\`ztm schema\` lists them)`.replace('  ', ' ');
  return `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
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
    case 'int':
      return 'a number';
    default:
      return expected;
  }
}

/** The top-level keys that hold a document's format version: `ztm: 1`, `ztm-rules: 1`, a report's `version: 1`. */
const VERSION_KEYS: ReadonlySet<PathSegment> = new Set(['ztm', 'ztm-rules', 'version']);

/**
 * A wrong value as a message shows it. The top level of a file that is not a
 * model, rule file, config or report (a `.env` file, say) and a version that is
 * not a number are told by kind and size only: their text may be a secret.
 */
function shown(value: unknown, path: readonly PathSegment[]): string {
  if (path.length === 0) return valueKind(value);
  if (path.length === 1 && VERSION_KEYS.has(path[0]!)) return versionValue(value);
  return describeValue(value);
}

export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return quoted(v);
  return String(v);
}

/** A name or value from the file, quoted, cut to 60 characters: a message stays one readable line whatever a file holds (a 1 MB key). */
function quoted(text: string): string {
  return JSON.stringify(cut(text));
}

const cut = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

/** The element a path is in, as a person names it: `component "db"`, `flow #3`, `the account`, `the model`. */
function owner(path: readonly PathSegment[]): string {
  const { element, field } = split(path);
  return field ? `${element}: ${field}` : element;
}

/** `component "db": \`controls\` item 2`, `flow #3: \`to\``, `\`name\``. */
export function describePath(path: readonly PathSegment[]): string {
  const { element, field } = split(path);
  if (!field) return element;
  return element === 'the model' ? field : `${element}: ${field}`;
}

function split(path: readonly PathSegment[]): { element: string; field: string } {
  const [head, second] = path;
  if (head === undefined) return { element: 'the model', field: '' };
  let element: string | undefined;
  if (second !== undefined) {
    // Sections keyed by id, and lists by index: the same name can be either in another kind of file (`rules` is a list in a rule file, a mapping in a config).
    if (Object.hasOwn(SECTIONS, head) && typeof second === 'string') element = `${SECTIONS[head]} ${quoted(second)}`;
    else if (typeof second === 'number' && Object.hasOwn(ITEMS, head)) element = `${ITEMS[head]} #${second + 1}`;
  }
  if (element !== undefined) return { element, field: fieldName(path.slice(2)) };
  if (head === 'account') return { element: 'the account', field: fieldName(path.slice(1)) };
  return { element: 'the model', field: fieldName(path) };
}

/** `controls` item 2, `cloudtrail.kms`. */
function fieldName(rest: readonly PathSegment[]): string {
  let keys = '';
  let out = '';
  for (const seg of rest) {
    if (typeof seg === 'number') {
      out += `${keys ? `\`${keys}\` ` : ''}item ${seg + 1}`;
      keys = '';
    } else keys = keys ? `${keys}.${cut(seg)}` : cut(seg);
  }
  if (keys) out += `${out ? ' ' : ''}\`${keys}\``;
  return out;
}

/** The raw value at `path`, and whether its last key is written at all. */
function lookup(root: unknown, path: readonly PathSegment[]): { value: unknown; present: boolean } {
  let v = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, seg)) return { value: undefined, present: false };
    v = (v as Record<PathSegment, unknown>)[seg];
  }
  return { value: v, present: true };
}

