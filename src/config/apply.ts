/**
 * What a config changes, in two clearly separate steps around the analysis:
 * selectRules (before: enabled / disabled rules) and overrideSeverities (after:
 * per-rule severity, recorded as a severity factor). Both check every rule id
 * the config names against the loaded rules, with positioned errors.
 */
import { reviseThreat } from '../analysis/make-threat.js';
import { type AnalysisResult, sortThreats, summarize } from '../analysis/result.js';
import { CATEGORIES, type Category, type Threat, severityRank } from '../analysis/threat.js';
import { type Diagnostic, InputError } from '../model/diagnostics.js';
import type { PathSegment } from '../model/source-map.js';
import type { CompiledRule } from '../rules/load.js';
import { didYouMean } from '../util/suggest.js';
import { plural } from '../util/thousands.js';
import { basename } from 'node:path';
import type { LoadedConfig } from './load.js';

const isCategory = (s: string): s is Category => (CATEGORIES as readonly string[]).includes(s);

function selects(selector: string, rule: CompiledRule): boolean {
  return isCategory(selector) ? rule.def.category === selector : rule.def.id === selector;
}

/** Unknown rule ids and categories named anywhere in the config's rules section. */
function checkNames(loaded: LoadedConfig, rules: readonly CompiledRule[]): Diagnostic[] {
  const ids = rules.map((r) => r.def.id);
  const known = new Set<string>([...ids, ...CATEGORIES]);
  const out: Diagnostic[] = [];
  const bad = (path: PathSegment[], at: 'key' | 'value', name: string, what: string) => {
    const pos = at === 'key' ? loaded.map.keyAt(path) : loaded.map.valueAt(path);
    out.push({ severity: 'error', file: loaded.file, ...pos, code: 'unknown-rule', message: `rules.${path.slice(1).join('.')}: ${JSON.stringify(name)} is not ${what}${didYouMean(name, what.includes('category') ? known : ids)}` });
  };
  const r = loaded.config.rules;
  for (const key of ['enabled', 'disabled'] as const) {
    (r[key] ?? []).forEach((s, i) => {
      if (!known.has(s)) bad(['rules', key, i], 'value', s, 'a loaded rule id or a STRIDE category');
    });
  }
  for (const id of Object.keys(r.severity)) if (!ids.includes(id)) bad(['rules', 'severity', id], 'key', id, 'a loaded rule id');
  return out;
}

/**
 * Step 1, before analysis: the rules the config leaves enabled. A config that
 * leaves none of them is refused: ztm would check nothing and pass every model,
 * and a pull request can add a config.
 */
export function selectRules(rules: readonly CompiledRule[], loaded: LoadedConfig | undefined, options: { live?: boolean } = {}): CompiledRule[] {
  if (!loaded) return [...rules];
  const errors = checkNames(loaded, rules);
  if (errors.length) throw new InputError(errors);
  const { enabled, disabled } = loaded.config.rules;
  const selected = rules.filter((rule) => (enabled === undefined || enabled.some((s) => selects(s, rule))) && !disabled.some((s) => selects(s, rule)));
  // Live rules fire only on what a look at the account finds: without one they check nothing either.
  const checks = (list: readonly CompiledRule[]) => (options.live ? list.length : list.filter((r) => r.def.trigger !== 'live').length);
  if (checks(rules) > 0 && checks(selected) === 0) {
    const key = enabled !== undefined ? 'enabled' : 'disabled';
    const at = Object.hasOwn(loaded.config.rules, key) ? loaded.map.keyAt(['rules', key]) : loaded.map.keyAt(['rules']);
    const live = options.live || selected.length === 0 ? '' : ` but live ones, which fire only with --verify or --replay`;
    throw new InputError([{ severity: 'error', file: loaded.file, ...at, code: 'no-rule-left', message: `the settings leave none of the ${plural(rules.length, 'loaded rule')} enabled${live}: ztm would check nothing and pass every model. Keep some rules enabled` }]);
  }
  return selected;
}

/**
 * What the config takes from the gate, as a line for stderr that a CI log
 * shows: how many loaded rules it turns off, and the threats of how many rules
 * it lowers (`analyzed` is the result before overrideSeverities). Undefined when
 * it takes nothing (it may still raise severities).
 */
export function configEffect(loaded: LoadedConfig | undefined, loadedRules: number, selectedRules: number, analyzed: AnalysisResult): string | undefined {
  if (!loaded) return undefined;
  const off = loadedRules - selectedRules;
  const overrides = loaded.config.rules.severity;
  const lowered = new Set<string>();
  for (const t of analyzed.threats) {
    const to = overrides[t.rule];
    if (to !== undefined && severityRank(to) < severityRank(t.severity)) lowered.add(t.rule);
  }
  const parts = [off > 0 ? `turns off ${off} of ${plural(loadedRules, 'rule')}` : '', lowered.size > 0 ? `lowers the severity of the threats of ${plural(lowered.size, 'rule')}` : ''].filter(Boolean);
  return parts.length === 0 ? undefined : `ztm: ${basename(loaded.file)} ${parts.join(' and ')}; the gate sees only what is left`;
}

/** Step 2, after analysis: per-rule severity overrides, each recorded as a severity factor. */
export function overrideSeverities(result: AnalysisResult, loaded: LoadedConfig | undefined): AnalysisResult {
  const overrides = loaded?.config.rules.severity ?? {};
  if (!loaded || Object.keys(overrides).length === 0) return result;
  const source = basename(loaded.file);
  const threats = result.threats.map((t): Threat => {
    const to = overrides[t.rule];
    if (to === undefined || to === t.severity) return t;
    const factors = [...t.severityReasoning.factors, `severity overridden by ${source}: ${t.severity} → ${to}`];
    return reviseThreat(t, { severity: to, severityReasoning: { ...t.severityReasoning, factors } });
  });
  sortThreats(threats);
  return { ...result, threats, summary: summarize(threats) };
}
