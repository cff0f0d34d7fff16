/** Output formats by name; each renderer is loaded only when asked for. */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import type { ModelGraph } from '../model/graph.js';
import type { Palette } from './palette.js';
import { threatTextIsPlain } from './plain-text.js';
import type { ReportText } from './report-text.js';

export const FORMATS = ['terminal', 'json', 'markdown', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderContext {
  readonly result: AnalysisResult;
  readonly verdict: GateVerdict;
  readonly palette: Palette;
  /** Show mitigated and accepted threats too (terminal). */
  readonly all: boolean;
  /** The model's graph, for the Markdown document's diagram, matrix and perimeter table. */
  readonly graph?: ModelGraph;
}

/** The report's text, in pieces a writer takes as they come (see report-text.ts). */
export async function render(format: Format, ctx: RenderContext): Promise<ReportText> {
  switch (format) {
    case 'terminal':
      return (await import('./terminal.js')).terminalReport(ctx.result, ctx.verdict, ctx.palette, { all: ctx.all });
    case 'json':
      return (await import('./json.js')).jsonReport(ctx.result, ctx.verdict, { plainThreats: threatTextIsPlain(ctx.result, ctx.graph) });
    case 'markdown':
      return (await import('./markdown.js')).markdownReport(ctx.result, ctx.verdict, ctx.graph);
    case 'sarif':
      return (await import('./sarif.js')).sarifReport(ctx.result, ctx.verdict, { plainThreats: threatTextIsPlain(ctx.result, ctx.graph) });
  }
}
