/** Loads rule files: the same safe YAML reader and positioned errors as models. */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';
import { compareText } from '../util/compare.js';
import { type Diagnostic, InputError } from '../model/diagnostics.js';
import { readYamlFile } from '../model/yaml-source.js';
import { zodDiagnostics } from '../model/zod-diagnostics.js';
import { STRIDE_PER_ELEMENT } from '../analysis/stride-per-element.js';
import { CATEGORY_TITLES } from '../analysis/threat.js';
import { type CompiledCondition, type ConditionBudget, type ConditionError, type Facts, compileConditions, conditionBudget } from './conditions.js';
import { ElementScope, Rule, type RuleDef, RuleFile, RuleFileEnvelope } from './schema.js';
import type { SourceMap } from '../model/source-map.js';
import { documentKind } from '../model/document-kind.js';
import { safeParseBounded } from '../util/zod.js';

export interface CompiledRule {
  readonly def: RuleDef;
  readonly condition: CompiledCondition;
  /**
   * Per recommendation, the test of its own `when` (undefined: always
   * recommended); undefined for the common rule none of whose recommendations
   * has one.
   */
  readonly recommendWhen?: readonly (((facts: Facts) => boolean) | undefined)[];
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly builtIn: boolean;
}

export const BUILTIN_RULES_DIR = join(PACKAGE_ROOT, 'rules');

/** Rule files of a directory (*.yaml, *.yml), sorted; or the file itself. */
export function ruleFilesIn(path: string): string[] {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new InputError([{ severity: 'error', file: path, line: 0, column: 0, code: 'unreadable', message: 'no such rules file or directory' }]);
  }
  if (!stat.isDirectory()) return [path];
  const names = readdirSync(path);
  const files = names.filter((f) => /\.ya?ml$/.test(f)).sort();
  // Asked for rules and given none: a layout ztm does not read (subdirectories, `.YAML`), not a team without rules.
  if (files.length === 0 && path !== BUILTIN_RULES_DIR) {
    const upper = names.some((f) => /\.ya?ml$/i.test(f)) ? ' (ztm reads names ending in .yaml or .yml, in lower case)' : '';
    throw new InputError([{ severity: 'error', file: path, line: 0, column: 0, code: 'no-rule-files', message: `the rules directory holds no rule file${upper}; ztm reads the *.yaml and *.yml files of the directory itself, not of its subdirectories. Name the directory that holds them, or add a rule file` }]);
  }
  return files.map((f) => join(path, f));
}

/** Loads built-in rules and any extra directories; every error of every file, then throws. */
export function loadRules(extraPaths: readonly string[] = [], options: { builtIn?: boolean } = {}): CompiledRule[] {
  const builtInFiles = options.builtIn === false ? [] : ruleFilesIn(BUILTIN_RULES_DIR);
  const precompiled = builtInFiles.length ? readCatalogCache(builtInFiles) : undefined;
  const sources = [
    ...(precompiled ? [] : builtInFiles.map((f) => ({ file: f, builtIn: true }))),
    ...extraPaths.flatMap((p) => ruleFilesIn(p).map((f) => ({ file: f, builtIn: false }))),
  ];
  const diagnostics: Diagnostic[] = [];
  const rules: CompiledRule[] = [];
  const seen = new Map<string, CompiledRule>();
  const budget = conditionBudget();
  for (const rule of precompiled ?? []) {
    seen.set(rule.def.id, rule);
    rules.push(rule);
  }
  for (const { file, builtIn } of sources) {
    try {
      for (const rule of loadRuleFile(file, builtIn, budget)) {
        const first = seen.get(rule.def.id);
        if (first) {
          diagnostics.push({ severity: 'error', file, line: rule.line, column: rule.column, code: 'duplicate-rule', message: `rule id "${rule.def.id}" is already defined at ${first.file}:${first.line}; rule ids are unique (rename yours, e.g. with your team's prefix in the name)` });
          continue;
        }
        seen.set(rule.def.id, rule);
        rules.push(rule);
      }
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      for (const d of err.diagnostics) diagnostics.push(d); // a file can hold 100,000 of them: no spread call
    }
  }
  if (diagnostics.length) throw new InputError(diagnostics);
  return rules.sort((a, b) => compareText(a.def.id, b.def.id));
}

/** An architecture model where a rule file belongs (`--rules` at the models' directory): one clear message, not one per key. */
function notAModel(file: string, value: unknown, map: SourceMap): void {
  if (documentKind(value)?.kind !== 'model') return;
  throw new InputError([{ severity: 'error', file, ...map.keyAt(['ztm']), code: 'not-a-rule-file', message: 'this is an architecture model (`ztm: 1`), not a rule file; rule files start with `ztm-rules: 1` (see rules/README.md). Give --rules the directory of your rule files' }]);
}

export function loadRuleFile(file: string, builtIn: boolean, budget: ConditionBudget = conditionBudget()): CompiledRule[] {
  const { value, map } = readYamlFile(file, { expected: 'a rule file starts with `ztm-rules: 1` and lists its `rules:` (see rules/README.md)' });
  notAModel(file, value, map);
  const envelope = safeParseBounded(RuleFileEnvelope, value);
  if (!envelope.success) throw new InputError(zodDiagnostics(file, map, value, envelope.error.issues, RuleFile, 'the rule file'));
  // Each rule on its own, so one file reports every mistake of every rule at once.
  const diagnostics: Diagnostic[] = [];
  const out: CompiledRule[] = [];
  envelope.data.rules.forEach((raw, i) => {
    const parsed = safeParseBounded(Rule, raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ ...issue, path: ['rules', i, ...issue.path] }));
      for (const d of zodDiagnostics(file, map, value, issues, RuleFile, 'the rule file')) diagnostics.push(d);
    }
    const def = parsed.success ? parsed.data : undefined;
    const id = def?.id ?? String((raw as { id?: unknown } | null)?.id ?? `#${i + 1}`);
    const error = (path: (string | number)[], message: string, code = 'invalid-rule', at: 'key' | 'value' = 'value') => {
      const where = ['rules', i, ...path];
      diagnostics.push({ severity: 'error', file, ...(at === 'key' ? map.keyAt(where) : map.valueAt(where)), code, message: `rule "${id}": ${message}` });
    };
    if (def) for (const e of scopeErrors(def)) error(e.path, e.message, 'stride-per-element');
    const scope = ElementScope.safeParse((raw as { applies_to?: unknown } | null)?.applies_to);
    if (!scope.success) return;
    const compiled = compileRuleConditions(raw, scope.data, budget, (path, message) => error(path, message, 'invalid-condition', 'key'));
    if (!def) return;
    if (def.trigger === 'model' && def.when.length === 0) error(['when'], 'a rule that fires from the model needs at least one condition in `when`');
    if (def.trigger === 'live' && def.when.length > 0) error(['when'], 'a live rule fires where verification reports it; remove `when`');
    if (def.recommend.every((r) => r.when)) error(['recommend'], 'every recommendation has its own `when`: leave at least one without, so every threat of the rule comes with a fix');
    if (compiled) out.push({ def, ...compiled, file, ...map.keyAt(['rules', i]), builtIn });
  });
  if (diagnostics.length) throw new InputError(diagnostics);
  return out;
}

/**
 * A rule's conditions compiled: its `when`, and the recommendations' own. Undefined when
 * one does not compile, its errors reported through `report` at their path in the rule.
 */
function compileRuleConditions(
  raw: unknown,
  scope: RuleDef['applies_to'],
  budget: ConditionBudget,
  report: (path: (string | number)[], message: string) => void,
): Pick<CompiledRule, 'condition' | 'recommendWhen'> | undefined {
  const when = (raw as { when?: unknown } | null)?.when ?? [];
  if (!Array.isArray(when)) return undefined;
  const { condition, errors } = compileConditions(when, scope, budget);
  for (const e of errors) report(['when', ...e.path], e.message);
  const recommendWhen = compileRecommendConditions(raw, scope, budget, (j, e) => report(['recommend', j, 'when', ...e.path], e.message));
  return condition && recommendWhen !== null ? { condition, ...(recommendWhen ? { recommendWhen } : {}) } : undefined;
}

/**
 * The tests of the recommendations' own `when`: undefined when no recommendation has
 * one, null when one does not compile (its errors reported through `error`).
 */
function compileRecommendConditions(
  raw: unknown,
  scope: RuleDef['applies_to'],
  budget: ConditionBudget,
  error: (index: number, e: ConditionError) => void,
): CompiledRule['recommendWhen'] | null {
  const recommend = (raw as { recommend?: unknown } | null)?.recommend;
  if (!Array.isArray(recommend) || !recommend.some((r) => Array.isArray((r as { when?: unknown } | null)?.when))) return undefined;
  let failed = false;
  const tests = recommend.map((r, j) => {
    const when = (r as { when?: unknown } | null)?.when;
    if (!Array.isArray(when)) return undefined;
    const { condition, errors } = compileConditions(when, scope, budget);
    for (const e of errors) error(j, e);
    if (!condition) failed = true;
    return condition?.test;
  });
  return failed ? null : tests;
}

function scopeErrors(def: RuleDef): { path: (string | number)[]; message: string }[] {
  const scope = STRIDE_PER_ELEMENT[def.category];
  const name = CATEGORY_TITLES[def.category].toLowerCase();
  const errors: { path: (string | number)[]; message: string }[] = [];
  if (def.applies_to === 'flow' && !scope.flows) errors.push({ path: ['applies_to'], message: `STRIDE per element: ${name} does not apply to data flows` });
  if (def.applies_to === 'account' && !scope.account) errors.push({ path: ['applies_to'], message: `STRIDE per element: ${name} does not apply to the account` });
  if (def.applies_to === 'boundary' && !scope.boundaries) errors.push({ path: ['applies_to'], message: `${name} rules cannot apply to boundaries` });
  if (def.element_types && def.applies_to !== 'component') errors.push({ path: ['element_types'], message: 'element_types applies to component rules only' });
  for (const [i, t] of (def.element_types ?? []).entries()) {
    if (!scope.elementTypes.includes(t)) errors.push({ path: ['element_types', i], message: `STRIDE per element: ${name} does not apply to a ${t} (it applies to ${scope.elementTypes.join(', ')})` });
  }
  return errors;
}

/**
 * The built-in catalog, validated at build time (scripts/build.mjs) and stored as
 * JSON next to the code: start-up skips YAML parsing and schema checks of rules
 * that cannot have changed. Used only while it is newer than every rule file.
 */
export const CATALOG_CACHE = join(PACKAGE_ROOT, 'dist', 'rules-catalog.json');

interface CachedRule {
  readonly def: RuleDef;
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

function readCatalogCache(files: readonly string[]): CompiledRule[] | undefined {
  if (!existsSync(CATALOG_CACHE)) return undefined;
  const built = statSync(CATALOG_CACHE).mtimeMs;
  if (files.some((f) => statSync(f).mtimeMs > built)) return undefined;
  const cached = JSON.parse(readFileSync(CATALOG_CACHE, 'utf8')) as { files: string[]; rules: CachedRule[] };
  if (cached.files.join('\n') !== files.map((f) => relative(PACKAGE_ROOT, f)).join('\n')) return undefined;
  const out: CompiledRule[] = [];
  for (const r of cached.rules) {
    const compiled = compileRuleConditions(r.def, r.def.applies_to, conditionBudget(), () => undefined);
    if (!compiled) return undefined;
    out.push({ def: r.def, ...compiled, file: join(PACKAGE_ROOT, r.file), line: r.line, column: r.column, builtIn: true });
  }
  return out;
}

/** What scripts/build.mjs stores: the built-in rules, validated by the normal loader. */
export function catalogCacheContent(): string {
  const files = ruleFilesIn(BUILTIN_RULES_DIR);
  const rules = files.flatMap((f) => loadRuleFile(f, true));
  const entries: CachedRule[] = rules.map((r) => ({ def: r.def, file: relative(PACKAGE_ROOT, r.file), line: r.line, column: r.column }));
  return JSON.stringify({ files: files.map((f) => relative(PACKAGE_ROOT, f)), rules: entries });
}
