/**
 * Renders the data-flow diagram of every fixture with the real Mermaid library in
 * headless Chromium, and checks that every label shows and nothing hostile runs.
 *
 * Needs Chromium at /usr/bin/chromium (Debian's `chromium` package; .ci/run
 * installs it) or at $ZTM_CHROMIUM. Without it the test FAILS. To skip it on a
 * machine without Chromium, run with ZTM_SKIP_BROWSER=1.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ModelGraph } from '../../src/model/graph.js';
import { loadModel } from '../../src/model/load.js';
import { diagramLabelText } from '../../src/report/escape.js';
import { flowLabel, renderDataFlowDiagram } from '../../src/report/mermaid.js';
import { renderBoundaryOverview } from '../../src/report/mermaid-overview.js';
import { generatedModel } from '../helpers/generated.js';
import { SKIP_BROWSER, launchChromium, openMermaidPage, renderMermaid } from '../helpers/browser.js';
import { fixture } from '../helpers/cli.js';

function fixtureFiles(dir: string): string[] {
  const path = fixture(dir);
  return readdirSync(path).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(path, f));
}

const FILES = [...fixtureFiles('valid'), ...fixtureFiles('hostile')];
const HOSTILE = fixture('hostile/hostile-names.yaml');

/** The Mermaid ids the diagram must draw, and nothing else: `c1`..`cN` and `b1`..`bM`. */
function expectedElements(graph: ModelGraph): string[] {
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
  return [...ids('c', graph.components.size), ...ids('b', graph.boundaries.size)].sort();
}

/** Every component and every flow flagged, so the flagged styling is rendered too. */
function everything(graph: ModelGraph): Set<string> {
  return new Set([...graph.components.keys(), ...graph.flows.map((f) => f.name)]);
}

describe.skipIf(SKIP_BROWSER)('Mermaid renders the data-flow diagram in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const timings: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openMermaidPage(browser);
  });

  afterAll(async () => {
    await browser?.close();
    if (timings.length > 0) console.log(`mermaid.render time per fixture:\n${timings.join('\n')}`);
  });

  it('finds the fixtures', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(2);
    expect(FILES).toContain(HOSTILE);
  });

  it.each(FILES.map((file, i) => ({ name: file.slice(file.lastIndexOf('fixtures/')), file, i })))('$name', async ({ name, file, i }) => {
    const { graph } = loadModel(file, { today: '2026-12-01' });
    const result = await renderMermaid(page, renderDataFlowDiagram(graph, { flagged: everything(graph) }), `dfd${i}`);
    timings.push(`  ${name}: ${result.renderMs.toFixed(0)} ms (${graph.components.size} components, ${graph.flows.length} flows, ${graph.boundaries.size} boundaries)`);

    expect(result.error).toBeUndefined();
    expect(result.svg).toMatch(/^<svg/);
    // No label became a node, subgraph or link of its own: exactly the model's elements are drawn.
    expect(result.elements).toEqual(expectedElements(graph));
    expect(result.links).toBe(graph.flows.length);
    const labels = [
      ...[...graph.components.values()].map((c) => c.name),
      ...[...graph.boundaries.values()].map((b) => b.name),
      ...graph.flows.map(flowLabel),
    ];
    for (const label of labels) expect(result.text).toContain(diagramLabelText(label));

    expect(result.activeElements).toEqual([]);
    expect(result.activeAttributes).toEqual([]);
    expect(result.svg).not.toMatch(/<script/i);
    expect(result.dialogs).toBe(0);
  });

  it('draws the boundary overview of a model larger than Mermaid draws in full', async () => {
    const { graph } = loadModel(generatedModel(400), { today: '2026-12-01' });
    const overview = renderBoundaryOverview(graph, everything(graph))!;
    const result = await renderMermaid(page, overview.text, 'dfd-overview');
    expect(result.error).toBeUndefined();
    expect(result.links).toBe([...overview.text.matchAll(/^ {2}g\d+ (?:-->|-\.->)/gm)].length);
    expect(result.text).toContain('components: ');
    expect(result.activeElements).toEqual([]);
    expect(result.dialogs).toBe(0);
  });

  it('shows the hostile names as text', async () => {
    const { graph } = loadModel(HOSTILE, { today: '2026-12-01' });
    const result = await renderMermaid(page, renderDataFlowDiagram(graph, {}), 'dfd-hostile-text');
    expect(result.error).toBeUndefined();
    expect(result.text).toContain('<img src=x onerror=alert(1)>');
    expect(result.text).toContain('app\\u202egnp.exe');
    expect(result.text).not.toContain('\u202E');
    expect(result.text).toContain('#quot; ﬂ\u2060°°60¶\u2060ß');
  });
});
