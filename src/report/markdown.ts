/**
 * `--format markdown`: the design-review document, GitHub-flavoured and readable
 * as plain text. Sections live in src/report/markdown/; everything the model
 * supplies goes through escapeMarkdown / markdownId (Markdown and HTML), the
 * diagram through the Mermaid label escaping. Deterministic: no timestamps.
 */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import type { ModelGraph } from '../model/graph.js';
import { acceptancesSection, assumptionsSection } from './markdown/acceptances.js';
import { documentText } from './markdown/blocks.js';
import { checklistSection } from './markdown/checklist.js';
import { type ReviewContext, reviewContext } from './markdown/context.js';
import { diagramSection } from './markdown/diagram.js';
import { headerSection } from './markdown/header.js';
import { matrixSection } from './markdown/matrix.js';
import { pathsSection } from './markdown/paths.js';
import { postureSection } from './markdown/posture.js';
import { registerSection } from './markdown/register.js';
import { summarySection } from './markdown/summary.js';
import { verificationSection } from './markdown/verification.js';
import { type ReportText, joinText } from './report-text.js';

/** Each section's lines; the long ones come one at a time, as the writer reaches them. */
const SECTIONS: readonly ((ctx: ReviewContext) => Iterable<string>)[] = [
  headerSection,
  summarySection,
  verificationSection,
  postureSection,
  diagramSection,
  matrixSection,
  pathsSection,
  registerSection,
  checklistSection,
  acceptancesSection,
  assumptionsSection,
];

/** The document as one string (small reports, tests). */
export function renderMarkdown(result: AnalysisResult, verdict: GateVerdict, graph?: ModelGraph): string {
  return joinText(markdownReport(result, verdict, graph));
}

/** The document one section at a time: a section is built when the writer reaches it. */
export function markdownReport(result: AnalysisResult, verdict: GateVerdict, graph?: ModelGraph): ReportText {
  const ctx = reviewContext(result, verdict, graph);
  return documentText((function* () {
    for (const section of SECTIONS) yield section(ctx);
  })());
}
