/**
 * `npm run bench`: what ztm costs as models grow. Not a test: it prints figures.
 *
 * For generated estates of 100, 1,000, 10,000 and 50,000 components (three
 * flows each; BENCH_SIZES=1000,10000 to choose), it measures
 *   - each stage in a fresh process (bench/stage.mjs): YAML parsing with
 *     positions, validation, the graph, the rule catalog, the analysis and
 *     each report, with the peak RSS when the stage ends;
 *   - `ztm analyze FILE --format json|markdown -o OUT` as a real process, and one
 *     process writing both reports (`--format json -o OUT --markdown OUT2`):
 *     wall time and peak RSS;
 *   - the growth factor from 10,000 to 50,000 components (5 is linear);
 *   - the cold start of `ztm --help` and of `ztm analyze` on the bundled
 *     example, as the environment is and without NODE_EXTRA_CA_CERTS.
 * Each figure is the median of BENCH_RUNS runs (3; 1 for models of 20,000
 * components or more unless BENCH_RUNS is set); the end to end is also given
 * for the fastest run alone, since a shared host only ever adds time. A
 * Markdown table for README ends the output.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateModel } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = `${root}.bench`;
mkdirSync(dir, { recursive: true });
const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000,50000').split(',').map(Number);
const runsFor = (n) => Number(process.env.BENCH_RUNS ?? (n >= 20_000 ? 1 : 3));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const seconds = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${fmt(ms)} ms`);

/** Stages as reported; `sum` rows add the stages they name. */
const ROWS = [
  ['YAML parsing with positions', ['yaml']],
  ['validation (shape, references)', ['validate']],
  ['indexed graph', ['graph']],
  ['rule catalog', ['rules']],
  ['analysis (six analyzers, attack paths)', ['analysis']],
  ['terminal report', ['report:terminal']],
  ['JSON report', ['report:json']],
  ['Markdown design review', ['report:markdown']],
  ['SARIF', ['report:sarif']],
  ['**load and validate** (YAML, validation, graph)', ['yaml', 'validate', 'graph']],
  ['**analyze** (catalog, analysis)', ['rules', 'analysis']],
  ['**end to end**: load, validate, analyze, JSON and Markdown', ['yaml', 'validate', 'graph', 'rules', 'analysis', 'report:json', 'report:markdown']],
  ['everything after YAML parsing (same stages)', ['validate', 'graph', 'rules', 'analysis', 'report:json', 'report:markdown']],
];

function stageRun(file) {
  return JSON.parse(execFileSync(process.execPath, [`${root}bench/stage.mjs`, file], { encoding: 'utf8', maxBuffer: 1 << 30 }));
}

/** `ztm analyze` as real processes: the report options of each, and its label. */
const PROCESSES = [
  ['json', 'ztm analyze --format json -o', ['--format', 'json', '-o', `${dir}/out.json`]],
  ['markdown', 'ztm analyze --format markdown -o', ['--format', 'markdown', '-o', `${dir}/out.md`]],
  ['both', 'ztm analyze --format json -o … --markdown …', ['--format', 'json', '-o', `${dir}/both.json`, '--markdown', `${dir}/both.md`]],
];

/** `ztm analyze` as a process: wall ms and peak RSS MiB. Exit 1 (gate failed) is a full run. */
function cliRun(file, reportArgs) {
  const rssFile = `${dir}/rss.txt`;
  const s = performance.now();
  const r = spawnSync(process.execPath, [`${root}bench/rss.mjs`, rssFile, 'analyze', file, ...reportArgs], { stdio: 'ignore' });
  const ms = performance.now() - s;
  if (r.status !== 0 && r.status !== 1) throw new Error(`ztm analyze ${file} exited ${r.status}`);
  return { ms, peakMiB: Number(readFileSync(rssFile, 'utf8')) };
}

const results = new Map();
for (const n of sizes) {
  const file = `${dir}/model-${n}.yaml`;
  writeFileSync(file, generateModel(n));
  const runs = runsFor(n);
  const samples = Array.from({ length: runs }, () => stageRun(file));
  const stageNames = Object.keys(samples[0].stages);
  const ms = Object.fromEntries(stageNames.map((k) => [k, median(samples.map((x) => x.stages[k].ms))]));
  const peak = Object.fromEntries(stageNames.map((k) => [k, median(samples.map((x) => x.stages[k].peakMiB))]));
  const cli = Object.fromEntries(
    PROCESSES.map(([key, , args]) => {
      const c = Array.from({ length: runs }, () => cliRun(file, args));
      return [key, { ms: median(c.map((x) => x.ms)), peakMiB: median(c.map((x) => x.peakMiB)) }];
    }),
  );
  // The end to end of each run on its own: the fastest is what the code costs when the host leaves it alone.
  const e2eKeys = ROWS.find(([l]) => l.startsWith('**end to end'))[1];
  const fastest = Math.min(...samples.map((x) => e2eKeys.reduce((a, k) => a + x.stages[k].ms, 0)));
  const r = { n, runs, mb: statSync(file).size / 1048576, threats: samples[0].threats, mitigated: samples[0].mitigated, ms, peak, cli, fastest, chars: samples[0].stages };
  results.set(n, r);

  console.log(`\n${fmt(n)} components (${r.mb.toFixed(2)} MB, ${fmt(r.threats)} threats, ${fmt(r.mitigated)} mitigated), median of ${runs} run${runs === 1 ? '' : 's'}:`);
  for (const [label, keys] of ROWS) {
    const total = keys.reduce((a, k) => a + ms[k], 0);
    const maxPeak = Math.max(...keys.map((k) => peak[k]));
    console.log(`  ${label.replace(/\*\*/g, '').padEnd(60)} ${seconds(total).padStart(9)}   peak ${fmt(maxPeak).padStart(5)} MiB`);
  }
  console.log(`  ${'end to end, the fastest run'.padEnd(60)} ${seconds(fastest).padStart(9)}`);
  for (const [key, label] of PROCESSES) {
    console.log(`  ${`${label} (process)`.padEnd(60)} ${seconds(cli[key].ms).padStart(9)}   peak ${fmt(cli[key].peakMiB).padStart(5)} MiB`);
  }
}

const sum = (r, keys) => keys.reduce((a, k) => a + r.ms[k], 0);
const big = results.get(50_000);
const base = results.get(10_000);
if (big && base) {
  console.log('\nGrowth from 10,000 to 50,000 components (5.0 is linear; the target is at most 6):');
  for (const [label, keys] of ROWS) console.log(`  ${label.replace(/\*\*/g, '').padEnd(60)} x${(sum(big, keys) / sum(base, keys)).toFixed(2)}`);
  for (const [key, label] of PROCESSES) console.log(`  ${`${label} (process)`.padEnd(60)} x${(big.cli[key].ms / base.cli[key].ms).toFixed(2)}`);
}

/** Median wall time of `node ARGS` over 11 fresh processes. */
function coldStart(args, env) {
  const samples = [];
  for (let i = 0; i < 11; i++) {
    const s = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore', env });
    samples.push(performance.now() - s);
  }
  return median(samples);
}
const ztm = `${root}bin/ztm.js`;
const example = `${root}fixtures/valid/orders-platform.yaml`;
const withoutCerts = { ...process.env };
delete withoutCerts.NODE_EXTRA_CA_CERTS;
const envs = process.env.NODE_EXTRA_CA_CERTS ? [['NODE_EXTRA_CA_CERTS set, as here', process.env], ['without NODE_EXTRA_CA_CERTS', withoutCerts]] : [['', process.env]];
const cold = [];
console.log('\nCold start, median of 11 processes:');
for (const [label, env] of envs) {
  const nodeOnly = coldStart(['-e', '0'], env);
  const help = coldStart([ztm, '--help'], env);
  const analyze = coldStart([ztm, 'analyze', example, '--format', 'json', '-o', `${dir}/example.json`], env);
  cold.push({ label, nodeOnly, help, analyze });
  console.log(`  ${label ? `${label}: ` : ''}node -e 0 ${fmt(nodeOnly)} ms, ztm --help ${fmt(help)} ms, ztm analyze fixtures/valid/orders-platform.yaml ${fmt(analyze)} ms`);
}

// README's table.
const cols = [...results.values()];
const head = `| stage (median) | ${cols.map((r) => `${fmt(r.n)} components`).join(' | ')} |`;
const lines = [head, `|---|${cols.map(() => '---').join('|')}|`];
lines.push(`| model file | ${cols.map((r) => `${r.mb.toFixed(2)} MB`).join(' | ')} |`);
lines.push(`| threats found (mitigated) | ${cols.map((r) => `${fmt(r.threats)} (${fmt(r.mitigated)})`).join(' | ')} |`);
for (const [label, keys] of ROWS) {
  lines.push(`| ${label} | ${cols.map((r) => `${seconds(sum(r, keys))}, ${fmt(Math.max(...keys.map((k) => r.peak[k])))} MiB`).join(' | ')} |`);
}
lines.push(`| end to end in the fastest of the runs | ${cols.map((r) => seconds(r.fastest)).join(' | ')} |`);
for (const [key, label] of PROCESSES) {
  lines.push(`| \`${label}\` as a process | ${cols.map((r) => `${seconds(r.cli[key].ms)}, ${fmt(r.cli[key].peakMiB)} MiB`).join(' | ')} |`);
}
if (big && base) {
  const e2e = ROWS.find(([l]) => l.startsWith('**end to end'))[1];
  lines.push(`\nGrowth 10,000 → 50,000 components: end to end x${(sum(big, e2e) / sum(base, e2e)).toFixed(2)}, \`ztm analyze --format json\` x${(big.cli.json.ms / base.cli.json.ms).toFixed(2)}, \`--format markdown\` x${(big.cli.markdown.ms / base.cli.markdown.ms).toFixed(2)}, both in one process x${(big.cli.both.ms / base.cli.both.ms).toFixed(2)} (5 is linear).`);
}
for (const c of cold) lines.push(`\nCold start${c.label ? ` (${c.label})` : ''}: \`node -e 0\` ${fmt(c.nodeOnly)} ms, \`ztm --help\` ${fmt(c.help)} ms, \`ztm analyze fixtures/valid/orders-platform.yaml\` ${fmt(c.analyze)} ms.`);
console.log(`\nMarkdown for README:\n\n${lines.join('\n')}`);
