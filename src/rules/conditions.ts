/**
 * The condition language of rules, compiled once into predicates. Declarative
 * and closed: attributes come from the catalog in attributes.ts, operators from
 * the table below. Nothing in a rule file is ever executed.
 */
import { thousands } from '../util/thousands.js';
import type { PathSegment } from '../model/source-map.js';
import { didYouMean } from '../util/suggest.js';
import { type AttributeInfo, type AttributeType, type Scope, attributesFor } from './attributes.js';
import { LEVELS, SENSITIVITY } from '../analysis/sensitivity.js';

export type Facts = Readonly<Record<string, unknown>>;

export interface CompiledCondition {
  readonly test: (facts: Facts) => boolean;
  /** Attribute paths the condition reads: the evidence when it fires. */
  readonly attributes: readonly string[];
  /** The conditions of a rule's `when`, each on its own: all of them hold when the rule fires. */
  readonly parts?: readonly CompiledCondition[];
}

export interface ConditionError {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

const OPERATORS: Record<AttributeType, readonly string[]> = {
  boolean: [],
  string: ['in', 'not_in'],
  list: ['has', 'lacks', 'has_any', 'has_all', 'has_none', 'empty'],
  number: ['gt', 'gte', 'lt', 'lte'],
  sensitivity: ['at_least', 'below', 'in'],
  level: ['at_least', 'below', 'in'],
};

export function readPath(facts: Facts, path: readonly string[]): unknown {
  let v: unknown = facts;
  for (const seg of path) v = (v as Record<string, unknown> | undefined)?.[seg];
  return v;
}

/**
 * At most this many conditions are compiled in one run, over every rule file
 * loaded. Each use counts: an alias of a long `any` list used a thousand times
 * counts a thousand times. The built-in catalog has about 150; a few kilobytes
 * of aliases can otherwise expand to millions of predicates and gigabytes.
 */
export const RULE_LIMITS = { maxConditions: 10_000 };

export interface ConditionBudget {
  left: number;
  exceeded: boolean;
}

export const conditionBudget = (): ConditionBudget => ({ left: RULE_LIMITS.maxConditions, exceeded: false });

export function compileConditions(input: readonly unknown[], scope: Scope, budget: ConditionBudget = conditionBudget()): { condition?: CompiledCondition; errors: ConditionError[] } {
  const errors: ConditionError[] = [];
  const attrs = attributesFor(scope);
  const compiled = input.map((c, i) => compileOne(c, [i], attrs, errors, budget));
  if (errors.length) return { errors };
  return { condition: { ...allOf(compiled), parts: compiled }, errors };
}

// Conditions run once per rule and element: tens of thousands of times in a large model.
function allOf(list: CompiledCondition[]): CompiledCondition {
  const tests = list.map((c) => c.test);
  const attributes = unique(list.flatMap((c) => c.attributes));
  if (tests.length === 1) return { test: tests[0]!, attributes };
  return {
    test: (f) => {
      for (const t of tests) if (!t(f)) return false;
      return true;
    },
    attributes,
  };
}

function anyOf(list: CompiledCondition[]): CompiledCondition {
  const tests = list.map((c) => c.test);
  return {
    test: (f) => {
      for (const t of tests) if (t(f)) return true;
      return false;
    },
    attributes: unique(list.flatMap((c) => c.attributes)),
  };
}

/** Reads an attribute path: `kind`, `to.exposed`, `account.cloudtrail`. */
function getter(segments: readonly string[]): (f: Facts) => unknown {
  if (segments.length === 1) {
    const [a] = segments as [string];
    return (f) => f[a];
  }
  if (segments.length === 2) {
    const [a, b] = segments as [string, string];
    return (f) => (f[a] as Facts | undefined)?.[b];
  }
  return (f) => readPath(f, segments);
}

const NEVER: CompiledCondition = { test: () => false, attributes: [] };

function compileOne(raw: unknown, path: PathSegment[], attrs: ReadonlyMap<string, AttributeInfo>, errors: ConditionError[], budget: ConditionBudget): CompiledCondition {
  if (budget.left === 0) {
    if (!budget.exceeded) {
      errors.push({ path, message: `more than ${thousands(RULE_LIMITS.maxConditions)} conditions in the rules loaded (each use of an alias counts); ztm refuses more to stay fast and bounded. Simplify the rule` });
      budget.exceeded = true;
    }
    return NEVER;
  }
  budget.left--;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length !== 1) {
    errors.push({ path, message: 'a condition is a mapping with exactly one key: an attribute, or all / any / not' });
    return NEVER;
  }
  const [key, value] = Object.entries(raw)[0]!;
  if (key === 'all' || key === 'any') {
    if (!Array.isArray(value) || value.length === 0) {
      errors.push({ path: [...path, key], message: `${key} takes a non-empty list of conditions` });
      return NEVER;
    }
    const parts = value.map((v, i) => compileOne(v, [...path, key, i], attrs, errors, budget));
    return key === 'all' ? allOf(parts) : anyOf(parts);
  }
  if (key === 'not') {
    const inner = compileOne(value, [...path, key], attrs, errors, budget);
    return { test: (f) => !inner.test(f), attributes: inner.attributes };
  }
  const info = attrs.get(key);
  if (!info) {
    errors.push({ path: [...path, key], message: `unknown attribute "${key}"${didYouMean(key, attrs.keys())}; see the attribute table in rules/README.md` });
    return NEVER;
  }
  const get = getter(key.split('.'));
  const made = compileTest(info, value, get, (message) => errors.push({ path: [...path, key], message: `${key}: ${message}` }));
  return { test: made ?? NEVER.test, attributes: [key] };
}

type Getter = (f: Facts) => unknown;

function compileTest(info: AttributeInfo, value: unknown, get: Getter, fail: (m: string) => void): ((f: Facts) => boolean) | undefined {
  const isOperatorMap = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (!isOperatorMap) {
    if (info.type === 'list') return void fail('a list attribute is tested with an operator (has, lacks, has_any, has_all, has_none, empty)');
    if (!checkOperand(info.type, value, fail)) return undefined;
    return (f) => get(f) === value;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length !== 1) return void fail('give exactly one operator');
  const [op, operand] = entries[0]!;
  const allowed = OPERATORS[info.type];
  if (!allowed.includes(op)) {
    return void fail(`operator "${op}" does not apply to a ${info.type} attribute${allowed.length ? ` (use ${allowed.join(', ')}, or a plain value for equality)` : ' (compare with true or false)'}`);
  }
  const scale = info.type === 'sensitivity' ? SENSITIVITY : info.type === 'level' ? (['none', ...LEVELS] as const) : undefined;
  switch (op) {
    case 'in':
    case 'not_in': {
      if (!Array.isArray(operand) || !operand.every((o) => checkOperand(info.type, o, fail))) return void fail(`${op} takes a list of values`);
      const set = new Set(operand);
      return op === 'in' ? (f) => set.has(get(f)) : (f) => !set.has(get(f));
    }
    case 'has':
    case 'lacks': {
      if (typeof operand !== 'string') return void fail(`${op} takes one value`);
      return op === 'has' ? (f) => asList(get(f)).includes(operand) : (f) => !asList(get(f)).includes(operand);
    }
    case 'has_any':
    case 'has_all':
    case 'has_none': {
      if (!Array.isArray(operand) || operand.length === 0 || !operand.every((o) => typeof o === 'string')) return void fail(`${op} takes a non-empty list of values`);
      if (op === 'has_any') return (f) => operand.some((o) => asList(get(f)).includes(o));
      if (op === 'has_all') return (f) => operand.every((o) => asList(get(f)).includes(o));
      return (f) => !operand.some((o) => asList(get(f)).includes(o));
    }
    case 'empty':
      if (typeof operand !== 'boolean') return void fail('empty takes true or false');
      return (f) => (asList(get(f)).length === 0) === operand;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (typeof operand !== 'number') return void fail(`${op} takes a number`);
      const cmp = { gt: (a: number) => a > operand, gte: (a: number) => a >= operand, lt: (a: number) => a < operand, lte: (a: number) => a <= operand }[op];
      return (f) => cmp(Number(get(f)));
    }
    case 'at_least':
    case 'below': {
      const rank = scale!.indexOf(operand as never);
      if (rank < 0) return void fail(`${op} takes one of ${scale!.join(', ')}`);
      const ranks = new Map<unknown, number>(scale!.map((v, i) => [v, i]));
      return op === 'at_least' ? (f) => (ranks.get(get(f)) ?? -1) >= rank : (f) => (ranks.get(get(f)) ?? -1) < rank;
    }
    default:
      return undefined;
  }
}

function checkOperand(type: AttributeType, v: unknown, fail: (m: string) => void): boolean {
  const ok =
    type === 'boolean' ? typeof v === 'boolean'
    : type === 'number' ? typeof v === 'number'
    : type === 'sensitivity' ? SENSITIVITY.includes(v as never)
    : type === 'level' ? v === 'none' || LEVELS.includes(v as never)
    : typeof v === 'string';
  if (!ok) fail(`expected ${type === 'boolean' ? 'true or false' : type === 'sensitivity' ? `one of ${SENSITIVITY.join(', ')}` : type === 'level' ? `one of none, ${LEVELS.join(', ')}` : `a ${type}`}, found ${JSON.stringify(v)}`);
  return ok;
}

function asList(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}
