/** Output formats by name; each renderer is loaded only when asked for. */
import type { AnalysisResult, GateVerdict } from '../analysis/result.js';
import type { ModelGraph } from '../model/graph.js';
import type { Palette } from './palette.js';

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

export async function render(format: Format, ctx: RenderContext): Promise<string> {
  switch (format) {
    case 'terminal':
      return (await import('./terminal.js')).renderTerminal(ctx.result, ctx.verdict, ctx.palette, { all: ctx.all });
    case 'json':
      return (await import('./json.js')).renderJson(ctx.result, ctx.verdict);
    case 'markdown':
      return (await import('./markdown.js')).renderMarkdown(ctx.result, ctx.verdict, ctx.graph);
    case 'sarif':
      return (await import('./sarif.js')).renderSarif(ctx.result, ctx.verdict);
  }
}
