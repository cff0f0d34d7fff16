/**
 * `npm run bench`: stage timings and peak memory for generated models of
 * 100, 1,000 and 10,000 components, and the cold start of `ztm analyze`.
 * Each measurement runs in a fresh process. Not a test: it prints figures.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateModel } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = `${root}.bench`;
mkdirSync(dir, { recursive: true });
const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const n of sizes) {
  const file = `${dir}/model-${n}.yaml`;
  writeFileSync(file, generateModel(n));
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(JSON.parse(execFileSync(process.execPath, [`${root}bench/stage.mjs`, file], { encoding: 'utf8', maxBuffer: 1 << 30 })));
  }
  const keys = Object.keys(samples[0]);
  const med = Object.fromEntries(keys.map((k) => [k, median(samples.map((s) => s[k]))]));
  const mb = (statSync(file).size / 1048576).toFixed(2);
  console.log(`\n${n} components (${mb} MB, ${med.threats} threats), median of ${runs} runs:`);
  for (const k of keys) {
    if (k === 'threats') continue;
    const unit = k === 'maxRssMiB' ? ' MiB peak RSS' : ' ms';
    console.log(`  ${k.padEnd(16)} ${med[k].toFixed(k === 'maxRssMiB' ? 0 : 1).padStart(9)}${unit}`);
  }
}

const cold = [];
for (let i = 0; i < 7; i++) {
  const s = performance.now();
  try {
    execFileSync(process.execPath, [`${root}bin/ztm.js`, 'analyze', `${root}fixtures/valid/orders-platform.yaml`, '--format', 'json'], { stdio: 'ignore' });
  } catch {
    /* exit 1 = gate failed: still a full run */
  }
  cold.push(performance.now() - s);
}
console.log(`\nztm analyze fixtures/valid/orders-platform.yaml (cold process): median ${median(cold).toFixed(0)} ms of ${cold.length} runs`);
