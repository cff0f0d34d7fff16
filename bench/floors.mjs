/**
 * `npm run bench:floors [FILE]`: what the slowest stages can never go below on
 * this Node, whatever ztm's own code does. Not a test: it prints figures.
 *
 * For one model (default: the benchmark's 10,000-component estate, generated
 * when missing) it times, in one process, the fastest of REPEAT runs (5) of
 *   - js-yaml parsing the text with no positions at all, and ztm's parse with
 *     the position table (what `ztm` does);
 *   - zod's shape check of the parsed value, as ztm configures zod (no
 *     code-generating compiler), and nothing else of validation;
 *   - the graph, the analysis, and the terminal and JSON reports, warm;
 *   - V8's JSON.stringify of the report's threats once they are plain objects
 *     (parsed back from the report, so nothing is left to compute), one threat at
 *     a time as the report writes them;
 * and adds up what follows YAML parsing. The fastest run is a lower bound:
 * later runs have warm code and caches a single `ztm analyze` never has.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { generateModel } from './generate.mjs';
import { readYamlFile } from '../dist/model/yaml-source.js';
import { Architecture } from '../dist/model/schema.js';
import { loadModel } from '../dist/model/load.js';
import { loadRules } from '../dist/rules/load.js';
import { analyze } from '../dist/analysis/engine.js';
import { gate } from '../dist/analysis/result.js';
import { jsonReport } from '../dist/report/json.js';
import { buildGraph } from '../dist/model/graph.js';
import { renderTerminal } from '../dist/report/terminal.js';
import { makePalette } from '../dist/report/palette.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let file = process.argv[2];
if (!file) {
  file = `${root}.bench/model-10000.yaml`;
  if (!existsSync(file)) {
    mkdirSync(`${root}.bench`, { recursive: true });
    writeFileSync(file, generateModel(10_000));
  }
}
const repeat = Number(process.env.REPEAT ?? 5);
const fastest = (fn) => {
  let best = Infinity;
  for (let i = 0; i < repeat; i++) {
    const s = performance.now();
    fn();
    best = Math.min(best, performance.now() - s);
  }
  return best;
};
const row = (label, ms) => console.log(`  ${label.padEnd(76)} ${String(Math.round(ms)).padStart(6)} ms`);

const text = readFileSync(file, 'utf8');
const { graph } = loadModel(file, { today: '2026-12-01' });
const rules = loadRules();
const result = analyze(graph, rules, { today: '2026-12-01' });
const verdict = gate(result, 'high');
const report = [...jsonReport(result, verdict)].join('');
const plain = JSON.parse(report).threats;
const drain = (pieces) => {
  for (const piece of pieces) void piece;
};

console.log(`${file}: ${(text.length / 1048576).toFixed(2)} MB, ${plain.length} threats, JSON report ${(report.length / 1048576).toFixed(1)} MB; fastest of ${repeat}:`);
row('js-yaml parse, no positions', fastest(() => yaml.load(text, { schema: yaml.CORE_SCHEMA })));
row('ztm YAML parse with positions (readYamlFile)', fastest(() => readYamlFile(file)));
const source = readYamlFile(file);
const zod = fastest(() => Architecture.safeParse(source.value));
row('zod shape check alone (Architecture.safeParse, no JIT)', zod);
const model = Architecture.parse(source.value);
const graphMs = fastest(() => buildGraph(file, model, source.map));
row('indexed graph', graphMs);
const analysis = fastest(() => analyze(graph, rules, { today: '2026-12-01' }));
row('analysis', analysis);
const terminal = fastest(() => renderTerminal(result, verdict, makePalette(false)));
row('terminal report', terminal);
const json = fastest(() => drain(jsonReport(result, verdict)));
row('JSON report (jsonReport)', json);
const stringify = fastest(() => {
  for (const t of plain) JSON.stringify(t);
});
row('  of which at least: JSON.stringify of the threats as plain objects', stringify);
row('after YAML parsing, at least: zod + graph + analysis + terminal report', zod + graphMs + analysis + terminal);
row('after YAML parsing, at least: zod + graph + analysis + JSON.stringify', zod + graphMs + analysis + stringify);
