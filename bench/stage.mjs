/**
 * One benchmark run in a fresh process: the wall time of each stage for one
 * model file, and the peak RSS of the process when each stage ends.
 * Prints one JSON object: { stages: { name: { ms, peakMiB } }, threats, mitigated }.
 */
import { performance } from 'node:perf_hooks';
import { readYamlFile } from '../dist/model/yaml-source.js';
import { checkShape } from '../dist/model/shape-check.js';
import { checkReferences } from '../dist/model/references.js';
import { buildGraph } from '../dist/model/graph.js';
import { loadRules } from '../dist/rules/load.js';
import { analyze } from '../dist/analysis/engine.js';
import { gate } from '../dist/analysis/result.js';
import { render } from '../dist/report/formats.js';
import { makePalette } from '../dist/report/palette.js';

const file = process.argv[2];
const stages = {};
const peakMiB = () => process.resourceUsage().maxRSS / 1024;
const time = async (name, fn) => {
  const s = performance.now();
  const r = await fn();
  stages[name] = { ms: performance.now() - s, peakMiB: peakMiB() };
  return r;
};

const src = await time('yaml', () => readYamlFile(file));
// As loadModel checks a model: the shape (zod), then the references.
const model = await time('validate', () => {
  const shape = checkShape(src.value);
  const diags = checkReferences(shape.model, { file, map: src.map, today: '2026-12-01' }, shape.omitted);
  if (shape.issues.length > 0 || diags.some((d) => d.severity === 'error')) throw new Error('invalid bench model');
  return shape.model;
});
const graph = await time('graph', () => buildGraph(file, model, src.map));
const rules = await time('rules', () => loadRules());
const result = await time('analysis', () => analyze(graph, rules, { today: '2026-12-01' }));
const verdict = gate(result, 'high');
const palette = makePalette(false);
let bytes = 0;
for (const format of ['terminal', 'json', 'markdown', 'sarif']) {
  // Each report is produced in full, piece by piece as `-o` writes it, and counted; the pieces are dropped.
  await time(`report:${format}`, async () => {
    bytes = 0;
    for (const piece of await render(format, { result, verdict, palette, all: false, graph })) bytes += piece.length;
  });
  stages[`report:${format}`].chars = bytes;
}
const mitigated = result.threats.filter((t) => t.status === 'mitigated').length;
process.stdout.write(JSON.stringify({ stages, threats: result.threats.length, mitigated }));
