/**
 * The real-design fixtures have reviewed lists of expected threats
 * (test/expected/*.threats: status, severity, rule@element). A threat that
 * disappears or appears fails here: noise and misses are both regressions.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script shared with `node scripts/expected-threats.mjs`
import { threatLines } from '../scripts/expected-threats.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const fixtures = readdirSync(`${ROOT}fixtures/valid`).filter((f) => f.endsWith('.yaml')).sort();

describe('real-design fixtures: the reviewed threat lists', () => {
  it('has a reviewed list for every real-design fixture', () => {
    const lists = readdirSync(`${ROOT}test/expected`).filter((f) => f.endsWith('.threats')).sort();
    expect(lists).toEqual(fixtures.map((f) => f.replace(/\.yaml$/, '.threats')));
  });

  for (const name of fixtures) {
    it(`${name}: finds exactly the reviewed threats`, () => {
      const expected = readFileSync(`${ROOT}test/expected/${name.replace(/\.yaml$/, '.threats')}`, 'utf8').trim().split('\n');
      const actual = (threatLines(`${ROOT}fixtures/valid/${name}`) as string[]);
      const missing = expected.filter((l) => !actual.includes(l));
      const unexpected = actual.filter((l) => !expected.includes(l));
      expect({ missing, unexpected }, 'run `node scripts/expected-threats.mjs` only after reviewing the difference').toEqual({ missing: [], unexpected: [] });
    });
  }
});
