/** One benchmark run in a fresh process: times each stage for one model file. */
import { performance } from 'node:perf_hooks';
import { readYamlFile } from '../dist/model/yaml-source.js';
import { Architecture } from '../dist/model/schema.js';
import { checkReferences } from '../dist/model/references.js';
import { buildGraph } from '../dist/model/graph.js';
import { loadRules } from '../dist/rules/load.js';
import { analyze } from '../dist/analysis/engine.js';
import { gate } from '../dist/analysis/result.js';
import { render } from '../dist/report/formats.js';
import { makePalette } from '../dist/report/palette.js';

const file = process.argv[2];
const t = {};
const time = async (name, fn) => {
  const s = performance.now();
  const r = await fn();
  t[name] = performance.now() - s;
  return r;
};
const start = performance.now();
const src = await time('yaml', () => readYamlFile(file));
const model = await time('validate', () => {
  const parsed = Architecture.parse(src.value);
  const diags = checkReferences(parsed, { file, map: src.map, today: '2026-12-01' });
  if (diags.some((d) => d.severity === 'error')) throw new Error('invalid bench model');
  return parsed;
});
const graph = await time('graph', () => buildGraph(file, model, src.map));
const rules = await time('rules', () => loadRules());
const result = await time('analysis', () => analyze(graph, rules, { today: '2026-12-01' }));
const verdict = gate(result, 'high');
const palette = makePalette(false);
for (const format of ['terminal', 'json', 'markdown', 'sarif']) {
  await time(`report:${format}`, () => render(format, { result, verdict, palette, all: false, graph }));
}
t.total = performance.now() - start;
t.afterYaml = t.total - t.yaml;
t.threats = result.threats.length;
t.maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify(t));
