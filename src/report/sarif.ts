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
import { escapeMarkdown } from './escape.js';
import { link } from './markdown/blocks.js';
import { attackUrl, referenceLinks, safeUrl, securityHubUrl } from './references.js';
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

export function sarifLog(result: AnalysisResult) {
  const open = result.threats.filter((t) => isOpen(t.status)).sort((a, b) => compareText(a.rule, b.rule) || compareText(a.id, b.id));
  const ruleIds = [...new Set(open.map((t) => t.rule))].sort(compareText);
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  return {
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
            rules: ruleIds.map((id) => sarifRule(open.filter((t) => t.rule === id))),
          },
        },
        columnKind: 'utf16CodeUnits' as const,
        results: open.map((t) => sarifResult(t, index.get(t.rule)!)),
        properties: { model: result.model.name, modelFile: result.model.file, summary: result.summary, ...(result.verification ? { verification: result.verification } : {}) },
      },
    ],
  };
}

export function renderSarif(result: AnalysisResult, _verdict: GateVerdict): string {
  return `${JSON.stringify(sarifLog(result), null, 2)}\n`;
}
