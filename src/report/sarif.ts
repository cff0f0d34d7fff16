/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * One result per open threat (expired acceptances included). Each rule that has
 * a result is described in `tool.driver.rules`, with help built from its
 * recommendations and references. Severity maps to SARIF levels (critical, high
 * → error; medium → warning; low → note) and to GitHub's numeric
 * `security-severity` (SECURITY_SEVERITY). A rule's default level and
 * security-severity are those of its most severe result in this run, since a
 * rule's severity depends on the element it fires on. Results carry the stable
 * threat id as `partialFingerprints["ztmThreatId/v1"]`, so code scanning tracks
 * a threat across runs even when the model's lines move. Deterministic.
 */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import { CATEGORY_TITLES, type RecommendedControl, type Severity, type Threat, isOpen } from '../analysis/threat.js';
import { CONTROLS, isKnownControl } from '../model/catalog/controls.js';
import { escapeMarkdown, inertJson } from './escape.js';
import type { JsonOptions } from './json.js';
import { threatEscape } from './plain-text.js';
import { link } from './markdown/blocks.js';
import { attackUrl, referenceLinks, safeUrl, securityHubUrl } from './references.js';
import { joinText } from './report-text.js';
import { compareSeverityThenId, compareText } from './threat-order.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'ztmThreatId/v1';

/** GitHub code scanning reads `security-severity` (0.0–10.0) to rank security alerts. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

type Level = 'error' | 'warning' | 'note';
export const SARIF_LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

/** `spoofing.unauthenticated-internal-flow` → `UnauthenticatedInternalFlow`. */
function ruleName(ruleId: string): string {
  const local = ruleId.slice(ruleId.indexOf('.') + 1);
  return local.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** The model file as a SARIF artifact location: relative paths against %SRCROOT%, absolute ones as file URIs. */
export function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replace(/\\/g, '/');
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return { uri: `file:///${encode(slashed).replace('%3A', ':')}` };
  if (slashed.startsWith('/')) return { uri: `file://${encode(slashed)}` };
  return { uri: encode(slashed.replace(/^\.\//, '')), uriBaseId: '%SRCROOT%' };
}

function ruleHelp(sample: Threat, recommended: readonly RecommendedControl[]): { text: string; markdown: string } {
  const recs = recommended.map((r) => ({ control: r.control, service: isKnownControl(r.control) ? CONTROLS[r.control].service : r.service, feature: r.feature, what: isKnownControl(r.control) ? CONTROLS[r.control].description : 'Team-specific control.' }));
  const refs = referenceLinks(sample.references);
  const text = [
    `${CATEGORY_TITLES[sample.category]} (STRIDE). ${sample.title}.`,
    'Recommended AWS controls:',
    ...recs.map((r) => `- ${r.service}: ${r.feature} (${r.control}). ${r.what}`),
    ...(refs.length ? ['References:', ...refs.map((r) => `- ${r.label}${r.url ? `: ${r.url}` : ''}`)] : []),
  ].join('\n');
  const markdown = [
    `**${CATEGORY_TITLES[sample.category]}** (STRIDE). ${escapeMarkdown(sample.title)}.`,
    '',
    '**Recommended AWS controls**',
    '',
    ...recs.map((r) => `- ${escapeMarkdown(r.service)}: ${escapeMarkdown(r.feature)} (\`${r.control}\`). ${escapeMarkdown(r.what)}`),
    ...(refs.length ? ['', '**References**', '', ...refs.map((r) => `- ${link(r)}`)] : []),
  ].join('\n');
  return { text, markdown };
}

/**
 * The recommendations of a rule's results, each once, in the order they first appear: a
 * recommendation with a condition of its own applies to some results only, and the rule's
 * help names every one that applies to any.
 */
function recommendedFor(threats: readonly Threat[]): RecommendedControl[] {
  const seen = new Map<string, RecommendedControl>();
  for (const t of threats) {
    for (const r of t.recommendations) {
      const key = `${r.control}\u0000${r.service}\u0000${r.feature}`;
      if (!seen.has(key)) seen.set(key, r);
    }
  }
  return [...seen.values()];
}

/** A rule's entry in `tool.driver.rules`, from its results. */
function sarifRule(threats: readonly Threat[]) {
  const worst = [...threats].sort(compareSeverityThenId)[0]!;
  const recommended = recommendedFor(threats);
  const helpUri = [worst.references.docs[0], worst.references.securityHub[0] && securityHubUrl(worst.references.securityHub[0]), worst.references.attack[0] && attackUrl(worst.references.attack[0])]
    .map((u) => (u ? safeUrl(u) : undefined))
    .find((u) => u !== undefined);
  return {
    id: worst.rule,
    name: ruleName(worst.rule),
    shortDescription: { text: worst.title },
    fullDescription: { text: `${CATEGORY_TITLES[worst.category]} threat: ${worst.title}. Closed by: ${[...new Set(recommended.map((r) => r.control))].join(', ')}.` },
    help: ruleHelp(worst, recommended),
    ...(helpUri !== undefined ? { helpUri } : {}),
    defaultConfiguration: { level: SARIF_LEVEL[worst.severity] },
    properties: {
      tags: ['security', 'threat-model', 'stride', worst.category],
      category: worst.category,
      'security-severity': SECURITY_SEVERITY[worst.severity],
    },
  };
}

/**
 * Text for a SARIF plain-text message (SARIF 2.1.0 §3.11): `{` and `}` doubled, since
 * `{0}` is a placeholder (§3.11.5), and `\`, `[` and `]` escaped with a backslash, so
 * no `[text](target)` written in a model or rule becomes an embedded link (§3.11.6)
 * that a viewer shows as a link to any URI.
 */
export function sarifText(text: string): string {
  return text.replace(/[\\[\]]/g, '\\$&').replace(/[{}]/g, '$&$&');
}

function sarifResult(t: Threat, ruleIndex: number) {
  const fix = t.recommendations[0];
  return {
    ruleId: t.rule,
    ruleIndex,
    level: SARIF_LEVEL[t.severity],
    message: { text: sarifText(`${t.title} (${t.element}). ${t.statement.text}${fix ? ` Fix: ${fix.how}` : ''}`) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifactLocation(t.location.file),
          region: { startLine: Math.max(1, t.location.line), startColumn: Math.max(1, t.location.column) },
        },
        logicalLocations: [{ name: t.element, kind: t.elementKind === 'flow' ? 'member' : 'object' }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: t.id },
    properties: {
      threatId: t.id,
      category: t.category,
      severity: t.severity,
      status: t.status,
      severityReasoning: t.severityReasoning,
      evidence: t.evidence,
      ...(t.path ? { path: t.path } : {}),
    },
  };
}

/** The open threats (expired acceptances included) in the results' order, and the rules they come from, in the rules' order. */
function openByRule(result: AnalysisResult): { open: Threat[]; rules: Map<string, Threat[]> } {
  const open = result.threats.filter((t) => isOpen(t.status)).sort((a, b) => compareText(a.rule, b.rule) || compareText(a.id, b.id));
  const rules = new Map<string, Threat[]>();
  for (const t of open) {
    const same = rules.get(t.rule);
    if (same) same.push(t);
    else rules.set(t.rule, [t]);
  }
  return { open, rules };
}

/** The log without its results (`results: []`), and the results to put in their place, made one at a time. */
function sarifParts(result: AnalysisResult) {
  const { open, rules } = openByRule(result);
  const index = new Map([...rules.keys()].map((id, i) => [id, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0' as const,
    runs: [
      {
        tool: {
          driver: {
            name: 'ztm',
            version: result.tool.version,
            semanticVersion: result.tool.version,
            informationUri: 'https://ztm.dev',
            rules: [...rules.values()].map(sarifRule),
          },
        },
        columnKind: 'utf16CodeUnits' as const,
        results: [] as ReturnType<typeof sarifResult>[],
        properties: { model: result.model.name, modelFile: result.model.file, summary: result.summary, ...(result.verification ? { verification: result.verification } : {}) },
      },
    ],
  };
  return { log, results: (function* () {
    for (const t of open) yield sarifResult(t, index.get(t.rule)!);
  })() };
}

/** The whole log as one object (tests, and callers that read it). */
export function sarifLog(result: AnalysisResult) {
  const { log, results } = sarifParts(result);
  log.runs[0]!.results = [...results];
  return log;
}

export function renderSarif(result: AnalysisResult, verdict: GateVerdict): string {
  return joinText(sarifReport(result, verdict));
}

/** Where a result's lines sit in the log: runs[0].results[i], four levels in. */
const RESULT_INDENT = ' '.repeat(8);

/**
 * The log as `JSON.stringify(log, null, 2)` writes it, in pieces: the log
 * without its results first, then each result as it is made, then the rest. No
 * string holds the whole log (a large model's log nears V8's longest string),
 * and no more than one result object is alive at a time. The run's
 * `"results": []` is the only text at six spaces of indentation with that key
 * (only the run's own keys are at that depth), and a result's pretty-printed
 * lines, each moved eight spaces in, are what the whole log's printing gives
 * them (no string value holds a raw newline). Characters a terminal acts on are
 * escaped as in the JSON report (inertJson).
 */
export function* sarifReport(result: AnalysisResult, _verdict: GateVerdict, options: JsonOptions = {}): Generator<string> {
  const inert = threatEscape(options.plainThreats);
  const { log, results } = sarifParts(result);
  const shell = inertJson(JSON.stringify(log, null, 2));
  const slot = '\n      "results": []';
  const at = shell.indexOf(slot);
  if (at < 0) throw new Error('the SARIF log has no results key');
  let first = true;
  for (const r of results) {
    yield first ? `${shell.slice(0, at)}\n      "results": [\n${RESULT_INDENT}` : `,\n${RESULT_INDENT}`;
    first = false;
    yield inert(JSON.stringify(r, null, 2).replaceAll('\n', `\n${RESULT_INDENT}`));
  }
  yield first ? `${shell}\n` : `\n      ]${shell.slice(at + slot.length)}\n`;
}
