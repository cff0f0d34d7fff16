import { describe, expect, it } from 'vitest';
import { buildGraph, type ModelGraph } from '../src/model/graph.js';
import { loadModel } from '../src/model/load.js';
import { Architecture, type ArchitectureInput } from '../src/model/schema.js';
import { diagramLabelText, escapeMermaidLabel } from '../src/report/escape.js';
import { renderDataFlowDiagram } from '../src/report/mermaid.js';
import { fixture } from './helpers/cli.js';

const MODEL: ArchitectureInput = {
  ztm: 1,
  name: 'Shop',
  boundaries: {
    internet: { kind: 'internet', name: 'The Internet' },
    vpc: { kind: 'vpc', name: 'Shop VPC' },
    private: { kind: 'subnet', in: 'vpc', name: 'Private subnet' },
  },
  components: {
    shopper: { kind: 'user', in: 'internet', name: 'Shopper' },
    lb: { kind: 'alb', in: 'vpc', name: 'Load balancer' },
    app: { kind: 'lambda', in: 'private', name: 'Checkout' },
    db: { kind: 'dynamodb', in: 'private', name: 'Orders table' },
    mail: { kind: 'external-service', name: 'Mail provider' },
  },
  flows: [
    { from: 'shopper', to: 'lb', protocol: 'https', auth: 'cognito' },
    { from: 'lb', to: 'app', protocol: 'http' },
    { from: 'app', to: 'db', protocol: 'aws-api', auth: 'iam' },
    { from: 'app', to: 'mail', protocol: 'smtp', auth: 'password', tls: true },
  ],
};

function graphOf(input: ArchitectureInput): ModelGraph {
  return buildGraph('inline.yaml', Architecture.parse(input));
}

const lines = (text: string): string[] => text.trimEnd().split('\n');

/** The line that draws `label`, with its indentation. */
function lineWith(diagram: string, label: string): string {
  const found = lines(diagram).filter((l) => l.includes(`"${label}"`));
  expect(found, `one line with "${label}"`).toHaveLength(1);
  return found[0]!;
}

describe('renderDataFlowDiagram', () => {
  const diagram = renderDataFlowDiagram(graphOf(MODEL), {});

  it('is a left-to-right flowchart ending in a newline', () => {
    expect(lines(diagram)[0]).toBe('flowchart LR');
    expect(diagram.endsWith('\n')).toBe(true);
  });

  it('numbers components and boundaries by sorted id, never using the model ids', () => {
    // Components sorted: app c1, db c2, lb c3, mail c4, shopper c5; boundaries: internet b1, private b2, vpc b3.
    expect(lineWith(diagram, 'Checkout').trim()).toBe('c1(["Checkout"])');
    expect(lineWith(diagram, 'Shopper').trim()).toBe('c5["Shopper"]');
    expect(lineWith(diagram, 'The Internet').trim()).toBe('subgraph b1["The Internet"]');
    expect(diagram).not.toMatch(/\b(shopper|lb|app|db|mail|internet|vpc|private)\b/);
  });

  it('shapes components by STRIDE element type', () => {
    expect(lineWith(diagram, 'Shopper')).toMatch(/c\d+\["Shopper"\]$/); // external entity: rectangle
    expect(lineWith(diagram, 'Load balancer')).toMatch(/c\d+\(\["Load balancer"\]\)$/); // process: stadium
    expect(lineWith(diagram, 'Orders table')).toMatch(/c\d+\[\("Orders table"\)\]$/); // data store: cylinder
  });

  it('nests subgraphs following parent boundaries, with components inside their own boundary', () => {
    expect(diagram).toContain([
      '  subgraph b3["Shop VPC"]',
      '    c3(["Load balancer"])',
      '    subgraph b2["Private subnet"]',
      '      c1(["Checkout"])',
      '      c2[("Orders table")]',
      '    end',
      '  end',
    ].join('\n'));
    expect(lineWith(diagram, 'Mail provider')).toBe('  c4["Mail provider"]'); // no boundary: top level
  });

  it('labels flows with protocol and authentication, dashed and marked when plaintext', () => {
    expect(diagram).toContain('  c5 -->|"https / cognito"| c3\n');
    expect(diagram).toContain('  c3 -.->|"http / no auth / #9888; plaintext"| c1\n');
    expect(diagram).toContain('  c1 -->|"smtp / password"| c4\n'); // tls: true
  });

  it('classes elements by type, untrusted boundaries, and nothing flagged by default', () => {
    expect(diagram).toContain('class c1,c3 process\n');
    expect(diagram).toContain('class c2 store\n');
    expect(diagram).toContain('class c4,c5 external\n');
    expect(diagram).toContain('class b1 untrusted\n');
    expect(diagram).toMatch(/^classDef flagged stroke:#d00/m);
    expect(diagram).not.toMatch(/^class \S+ flagged$/m);
    expect(diagram).not.toContain('linkStyle');
  });

  it('marks flagged components and flows (by from->to) in red, after the classDefs', () => {
    const flagged = renderDataFlowDiagram(graphOf(MODEL), { flagged: new Set(['db', 'lb->app', 'shopper->lb', 'no-such-thing']) });
    // Drawn flows in order: app->db 0, app->mail 1, lb->app 2, shopper->lb 3.
    expect(flagged).toContain('class c2 flagged\n');
    expect(flagged).toContain('linkStyle 2,3 stroke:#d00,stroke-width:3px\n');
    const all = lines(flagged);
    expect(all.indexOf('class c2 flagged')).toBeGreaterThan(all.findIndex((l) => l.startsWith('classDef flagged')));
  });

  it('flags a flow that has an id by its id', () => {
    const input = { ...MODEL, flows: [{ id: 'checkout-db', from: 'app', to: 'db', protocol: 'aws-api' as const, auth: 'iam' as const }] };
    expect(renderDataFlowDiagram(graphOf(input), { flagged: new Set(['checkout-db']) })).toContain('linkStyle 0 ');
  });

  it('is deterministic: the same graph gives the same text, whatever the order in the file', () => {
    const reversed: ArchitectureInput = {
      ...MODEL,
      boundaries: Object.fromEntries(Object.entries(MODEL.boundaries!).reverse()),
      components: Object.fromEntries(Object.entries(MODEL.components).reverse()),
      flows: [...MODEL.flows!].reverse(),
    };
    expect(renderDataFlowDiagram(graphOf(MODEL), {})).toBe(diagram);
    expect(renderDataFlowDiagram(graphOf(reversed), {})).toBe(diagram);
  });
});

describe('renderDataFlowDiagram with hostile names', () => {
  const { graph } = loadModel(fixture('hostile/hostile-names.yaml'), { today: '2026-12-01' });
  const diagram = renderDataFlowDiagram(graph, { flagged: new Set(['app', 'edge->app']) });

  // Every line the renderer may write, with LABEL the only place model text can go.
  const LABEL = '"([^"\\n]*)"';
  const LINE_SHAPES = [
    /^flowchart LR$/,
    new RegExp(`^ +c\\d+(?:\\[${LABEL}\\]|\\(\\[${LABEL}\\]\\)|\\[\\(${LABEL}\\)\\])$`),
    new RegExp(`^ +subgraph b\\d+\\[${LABEL}\\]$`),
    /^ +end$/,
    new RegExp(`^ +c\\d+ (?:-->|-\\.->)\\|${LABEL}\\| c\\d+$`),
    /^%% [A-Z][\w ,.=:]*\.$/, // legend, no `{` (a directive)
    /^classDef (?:external|process|store|untrusted|flagged) [\w:#,. -]+$/,
    /^class [bc]\d+(?:,[bc]\d+)* (?:external|process|store|untrusted|flagged)$/,
    /^linkStyle \d+(?:,\d+)* stroke:#d00,stroke-width:3px$/,
  ];

  it('writes only the renderer\'s own line shapes', () => {
    for (const line of lines(diagram)) {
      expect(LINE_SHAPES.some((shape) => shape.test(line)), line).toBe(true);
    }
    expect(lines(diagram).filter((l) => l.trim() === 'end')).toHaveLength(graph.boundaries.size);
  });

  it('keeps labels to safe characters and entity codes', () => {
    const labels = [...diagram.matchAll(/"([^"\n]*)"/g)].map((m) => m[1]!);
    expect(labels.length).toBe(graph.components.size + graph.boundaries.size + graph.flows.length);
    for (const label of labels) {
      expect(label.replace(/#\d+;/g, ''), label).toMatch(/^[\p{L}\p{M}\p{N} .,_\-()/]*$/u);
    }
  });
});

describe('escapeMermaidLabel', () => {
  it('leaves plain names readable', () => {
    expect(escapeMermaidLabel('Orders API (v2), eu-west-1/prod_blue')).toBe('Orders API (v2), eu-west-1/prod_blue');
    expect(escapeMermaidLabel('Zahlungsdienst Größe 日本語')).toBe('Zahlungsdienst Größe 日本語');
  });

  it('writes syntax and markup characters as decimal entity codes', () => {
    expect(escapeMermaidLabel('"]; %% #')).toBe('#34;#93;#59; #37;#37; #35;');
    expect(escapeMermaidLabel('<script>')).toBe('#60;script#62;');
    expect(escapeMermaidLabel('a-->b `x` |y| {z} :')).toBe('a--#62;b #96;x#96; #124;y#124; #123;z#125; #58;');
    expect(escapeMermaidLabel('#quot;')).toBe('#35;quot#59;');
    expect(escapeMermaidLabel('🚀')).toBe('#128640;');
  });

  it('puts everything on one line', () => {
    expect(escapeMermaidLabel(' a\r\nend\n\tclick  b ')).toBe('a end click b');
  });

  it('shows bidi and zero-width characters instead of obeying them', () => {
    expect(diagramLabelText('app\u202Egnp.exe\u200B')).toBe('app\\u202egnp.exe\\u200b');
    expect(escapeMermaidLabel('app\u202Egnp')).toBe('app#92;u202egnp');
  });

  it('breaks the character pairs Mermaid uses as entity placeholders', () => {
    expect(diagramLabelText('\uFB02\u00B0\u00B060\u00B6\u00DF')).toBe('\uFB02\u2060\u00B0\u00B060\u00B6\u2060\u00DF');
    expect(escapeMermaidLabel('\uFB02\u00B0')).toBe('\uFB02#8288;#176;');
  });
});
