/**
 * Headless Chromium (Debian's package, driven by playwright-core) with the real
 * Mermaid library loaded into a blank page, for rendering tests.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page, chromium } from 'playwright-core';

/** Set ZTM_SKIP_BROWSER=1 to skip browser tests on a machine without Chromium. CI never sets it. */
export const SKIP_BROWSER = process.env.ZTM_SKIP_BROWSER === '1';

export const CHROMIUM_PATH = process.env.ZTM_CHROMIUM ?? '/usr/bin/chromium';

const MERMAID_SCRIPT = fileURLToPath(new URL('../../node_modules/mermaid/dist/mermaid.min.js', import.meta.url));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it (apt-get install -y chromium; .ci/run does), ` +
        'point ZTM_CHROMIUM at another binary, or set ZTM_SKIP_BROWSER=1 to skip browser tests locally.',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** What rendering one diagram produced, and what the SVG contains. */
export interface MermaidRender {
  readonly error: string | undefined;
  readonly svg: string;
  /** The SVG's text content without its stylesheet, whitespace collapsed to single spaces. */
  readonly text: string;
  /** The Mermaid ids of the nodes and subgraphs drawn (`c1`, `b2`), sorted. */
  readonly elements: readonly string[];
  /** How many links (arrows) are drawn. */
  readonly links: number;
  /** Elements that can run code or navigate: script, a, iframe, object, embed, img, image. */
  readonly activeElements: readonly string[];
  /** Attributes named on* or whose value holds `javascript:`. */
  readonly activeAttributes: readonly string[];
  /** How many times anything called alert/confirm/prompt after the SVG was put into the live page. */
  readonly dialogs: number;
  /** Time spent in mermaid.render, milliseconds. */
  readonly renderMs: number;
}

/** A blank page with no network access, Mermaid loaded and initialized with securityLevel strict. */
export async function openMermaidPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.route('**/*', (route) => route.abort());
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body><div id="out"></div></body></html>');
  await page.addScriptTag({ path: MERMAID_SCRIPT });
  await page.evaluate(() => {
    const w = window as unknown as { mermaid: { initialize(c: object): void }; __dialogs: number };
    w.__dialogs = 0;
    const count = (): undefined => { w.__dialogs += 1; return undefined; };
    Object.assign(window, { alert: count, confirm: count, prompt: count });
    w.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
  });
  return page;
}

export async function renderMermaid(page: Page, source: string, id: string): Promise<MermaidRender> {
  return page.evaluate(async ({ source, id }) => {
    const w = window as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> }; __dialogs: number };
    const started = performance.now();
    let svg = '';
    let error: string | undefined;
    try {
      svg = (await w.mermaid.render(id, source)).svg;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const renderMs = performance.now() - started;
    // Inspect an inert copy, then show the SVG in the live page as a viewer would, to catch anything that runs.
    const parsed = new DOMParser().parseFromString(svg, 'text/html');
    const activeElements = [...parsed.querySelectorAll('script, a, iframe, object, embed, img, image')].map((el) => el.outerHTML);
    const activeAttributes = [...parsed.querySelectorAll('*')].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name) || /javascript:/i.test(a.value)).map((a) => `${el.tagName} ${a.name}="${a.value}"`),
    );
    const elements = [...parsed.querySelectorAll('g.node, g.cluster')]
      .map((el) => el.id.slice(id.length + 1).replace(/^flowchart-(.+)-\d+$/, '$1'))
      .sort();
    const links = parsed.querySelectorAll('path.flowchart-link').length;
    parsed.querySelectorAll('style').forEach((el) => el.remove());
    const text = (parsed.querySelector('svg')?.textContent ?? '').replace(/\s+/g, ' ').trim();
    document.getElementById('out')!.innerHTML = svg;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { error, svg, text, elements, links, activeElements, activeAttributes, dialogs: w.__dialogs, renderMs };
  }, { source, id });
}
