/**
 * Whether the text of a run's threats is known to hold no character that
 * inertJson would change, so the JSON and SARIF writers can leave the threats'
 * pieces as JSON.stringify wrote them instead of scanning 70 MB of them (about
 * 40 ms at 10,000 components). Threat text is made of the model's text (its
 * source and its path) and the rules' text; the built-in catalog holds no such
 * character (a test checks), so the run is plain when the model's source can
 * make none (see sourceIsPlain), no team rule is loaded, and no live look at an
 * account added text. Anything else, or a run without its source, is not known
 * plain: every piece is then escaped.
 */
import type { AnalysisResult } from '../analysis/result.js';
import type { ModelGraph } from '../model/graph.js';
import { cached } from '../util/cached.js';
import { inertJson, sourceIsPlain } from './escape.js';

export function threatTextIsPlain(result: AnalysisResult, graph: ModelGraph | undefined): boolean {
  if (graph?.source === undefined || result.rules.custom > 0 || result.verification !== undefined || !sourceIsPlain(result.model.file)) return false;
  return cached(plainSources, graph, (g) => sourceIsPlain(g.file) && sourceIsPlain(g.source!.text));
}

/** A model's source is scanned once (about 12 ms at 10,000 components), however many reports a run writes. */
const plainSources = new WeakMap<ModelGraph, boolean>();

const asWritten = (json: string): string => json;

/** What the JSON of threats goes through: inertJson, unless their text is known plain. */
export const threatEscape = (plain: boolean | undefined): ((json: string) => string) => (plain ? asWritten : inertJson);
