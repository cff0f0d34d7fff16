/**
 * Writes test/expected/<fixture>.threats: the reviewed list of every threat ztm
 * finds in each real-design fixture, one line each: status, severity, stable id
 * (rule@element; the rule id starts with the category). Run after a reviewed
 * change to rules or fixtures: `node scripts/expected-threats.mjs` (after a build).
 * test/expected-threats.test.ts fails on any line missing or unexpected.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../dist/analysis/engine.js';
import { loadModel } from '../dist/model/load.js';
import { loadRules } from '../dist/rules/load.js';

export const TODAY = '2026-12-01';
const root = fileURLToPath(new URL('..', import.meta.url));

export function threatLines(file) {
  const { graph, warnings } = loadModel(file, { today: TODAY });
  const { threats } = analyze(graph, loadRules(), { today: TODAY, warnings });
  return threats.map((t) => `${t.status.padEnd(18)} ${t.severity.padEnd(8)} ${t.id}`).sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of readdirSync(`${root}fixtures/valid`).filter((f) => f.endsWith('.yaml')).sort()) {
    const lines = threatLines(`${root}fixtures/valid/${name}`);
    writeFileSync(`${root}test/expected/${name.replace(/\.yaml$/, '.threats')}`, `${lines.join('\n')}\n`);
    console.log(`wrote test/expected/${name.replace(/\.yaml$/, '.threats')} (${lines.length} threats)`);
  }
}
