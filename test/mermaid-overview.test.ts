/** Models larger than Mermaid draws get a boundary overview that fits its limits and still accounts for every element. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ModelGraph } from '../src/model/graph.js';
import { loadModel } from '../src/model/load.js';
import { MERMAID_LIMITS, renderBoundaryOverview } from '../src/report/mermaid-overview.js';
import { fixture, runZtm } from './helpers/cli.js';
import { generatedModel } from './helpers/generated.js';

const graphOf = (file: string): ModelGraph => loadModel(file, { today: '2026-12-01' }).graph;
const number = (s: string) => Number(s.replace(/,/g, ''));
const arrows = (text: string) => [...text.matchAll(/^ {2}g\d+ (?:-->|-\.->)\|"([\d,]+) flows?/gm)].map((m) => number(m[1]!));
const nodes = (text: string) => [...text.matchAll(/^\s+g\d+\S*"([\d,]+) components?#58;.*?(?:#59; ([\d,]+) flows? inside)?"/gm)];

describe('boundary overview', () => {
  it('folds a 400-component model to its subnets: within the limits, every component and flow counted once', () => {
    const graph = graphOf(generatedModel(400));
    expect(graph.flows.length).toBeGreaterThan(MERMAID_LIMITS.maxEdges);
    const overview = renderBoundaryOverview(graph, new Set())!;
    expect(overview.depth).toBe(1);
    expect(overview.text.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxTextSize);
    const drawn = arrows(overview.text);
    expect(drawn.length).toBeLessThanOrEqual(MERMAID_LIMITS.maxEdges);
    const groups = nodes(overview.text);
    expect(groups.reduce((n, m) => n + number(m[1]!), 0)).toBe(graph.components.size);
    const inside = groups.reduce((n, m) => n + (m[2] ? number(m[2]) : 0), 0);
    expect(drawn.reduce((a, b) => a + b, 0) + inside).toBe(graph.flows.length);
    // The subnets are drawn inside the VPC: one subgraph per boundary.
    expect(overview.text.match(/^\s*subgraph /gm)).toHaveLength(graph.boundaries.size);
  });

  it('folds deeper boundaries into the top level when the subnets alone make too many arrows', () => {
    // 600 subnets in a ring: 600 arrows between subnets, none once they fold into the VPC.
    const lines = ['ztm: 1', 'name: ring', 'boundaries:', '  vpc: { kind: vpc }'];
    for (let i = 0; i < 600; i++) lines.push(`  s${i}: { kind: subnet, in: vpc }`);
    lines.push('components:', '  outside: { kind: external-service }');
    for (let i = 0; i < 600; i++) lines.push(`  c${i}: { kind: lambda, in: s${i} }`);
    lines.push('flows:', '  - { from: outside, to: c0, protocol: https, auth: api-key }');
    for (let i = 0; i < 600; i++) lines.push(`  - { from: c${i}, to: c${(i + 1) % 600}, protocol: https, auth: iam }`);
    const file = join(mkdtempSync(join(tmpdir(), 'ztm-ring-')), 'ring.yaml');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const graph = graphOf(file);
    const overview = renderBoundaryOverview(graph, new Set(['c5']))!;
    expect(overview.depth).toBe(0);
    expect(overview.text.match(/^\s*subgraph /gm)).toHaveLength(1);
    // Groups are numbered in component order: c0.. (in the VPC) before `outside`.
    expect(overview.text).toContain('g1(["600 components#58; 600 processes#59; 600 flows inside"])');
    expect(overview.text).toContain('g2["1 component#58; 1 external entity"]');
    expect(overview.text).toContain('g2 -->|"1 flow"| g1');
    expect(overview.text).toMatch(/^class g1 flagged$/m);
  });

  it('the review document draws small models in full and says when it shows an overview', () => {
    const small = runZtm(['analyze', fixture('valid/orders-platform.yaml'), '--format', 'markdown', '--fail-on', 'none']);
    expect(small.stdout).not.toContain('This overview folds');
    const large = runZtm(['analyze', generatedModel(400), '--format', 'markdown', '--fail-on', 'none']);
    expect(large.code).toBe(0);
    expect(large.stdout).toContain('The model has 400 components and 1,198 flows, more than one diagram can show (Mermaid draws at most 500 arrows and 50,000 characters). This overview folds trust boundaries nested deeper than level 1 into their ancestor');
  });
});
