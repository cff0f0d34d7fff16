/**
 * The Markdown design review of each hostile fixture, rendered to HTML by a
 * permissive real renderer (markdown-it with raw HTML allowed and linkify on)
 * and loaded into headless Chromium with every payload armed: each injected
 * <script>, onerror/onload handler and javascript: link in the fixtures would set
 * window.__pwned, and alert/confirm/prompt are counted. Nothing may run, and the
 * page may hold only the elements and attributes the report itself makes.
 *
 * Needs Chromium (see test/helpers/browser.ts); ZTM_SKIP_BROWSER=1 skips it.
 */
import MarkdownIt from 'markdown-it';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_BROWSER, launchChromium } from '../helpers/browser.js';
import { runZtm } from '../helpers/cli.js';

const FIXTURES = ['fixtures/hostile/hostile-names.yaml', 'fixtures/hostile/hostile-text.yaml', 'fixtures/hostile/prototype-names.yaml'];
const HOSTILE_RULES = 'fixtures/hostile/rules/hostile-text';

/** Every element the design review legitimately produces, as markdown-it renders it (plus the page shell). */
const REPORT_ELEMENTS = new Set(['html', 'head', 'meta', 'body', 'h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'code', 'pre', 'strong', 'em']);
/** Hosts of the links the report makes from rule references (Security Hub controls, ATT&CK techniques). */
const REFERENCE_HOSTS = new Set(['docs.aws.amazon.com', 'attack.mitre.org']);

interface PageFacts {
  pwned: unknown;
  calls: number;
  elements: string[];
  attributes: string[];
  ids: string[];
  links: { href: string; text: string }[];
  brokenAnchors: string[];
  mermaidBlocks: number;
  listItems: string[];
  h1: string;
  text: string;
}

describe.skipIf(SKIP_BROWSER)('the Markdown review of hostile models is inert in a browser', () => {
  let browser: Browser;
  let page: Page;
  let dialogs = 0;
  const md = new MarkdownIt({ html: true, linkify: true });

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('dialog', (d) => {
      dialogs += 1;
      void d.dismiss();
    });
    // No network: <img src=x> fails at once, so an onerror handler would run.
    await page.route('**/*', (route) => route.abort());
  });

  afterAll(async () => {
    await browser?.close();
  });

  const rendered = new Map<string, Promise<{ markdown: string; facts: PageFacts }>>();
  /** Each fixture is rendered once; the tests read what its page held. */
  const render = (model: string) => {
    if (!rendered.has(model)) rendered.set(model, load(model));
    return rendered.get(model)!;
  };

  async function load(model: string): Promise<{ markdown: string; facts: PageFacts }> {
    const r = runZtm(['analyze', model, '--format', 'markdown', '--fail-on', 'none', '--rules', HOSTILE_RULES]);
    expect(r.code, r.stderr).toBe(0);
    const html = md.render(r.stdout);
    // The canary: count alert/confirm/prompt, then remove this script so the page holds none of its own.
    const canary = '<script>window.__calls = 0; window.alert = window.confirm = window.prompt = () => { window.__calls += 1; }; document.currentScript.remove();</script>';
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8">${canary}</head><body>${html}</body></html>`, { waitUntil: 'load' });
    // Let failed loads fire their error events and any timers run.
    await page.waitForTimeout(100);
    const facts = await page.evaluate((): PageFacts => {
      const all = [...document.querySelectorAll('*')];
      const inBody = [...document.body.querySelectorAll('*')];
      const ids = all.map((el) => el.id).filter((id) => id !== '');
      const idSet = new Set(ids);
      const links = [...document.querySelectorAll('a[href]')].map((a) => ({ href: a.getAttribute('href')!, text: a.textContent ?? '' }));
      return {
        pwned: (window as unknown as { __pwned?: unknown }).__pwned,
        calls: (window as unknown as { __calls: number }).__calls,
        elements: [...new Set(all.map((el) => el.tagName.toLowerCase()))].sort(),
        attributes: [...new Set(inBody.flatMap((el) => [...el.attributes].map((a) => (a.name === 'href' || a.name === 'id' ? a.name : `${a.name}=${a.value}`))))].sort(),
        ids,
        links,
        brokenAnchors: links.filter((l) => l.href.startsWith('#') && !idSet.has(decodeURIComponent(l.href.slice(1)))).map((l) => l.href),
        mermaidBlocks: document.querySelectorAll('pre > code.language-mermaid').length,
        listItems: [...document.querySelectorAll('li')].map((li) => li.textContent ?? ''),
        h1: document.querySelector('h1')?.textContent ?? '',
        text: document.body.textContent ?? '',
      };
    });
    return { markdown: r.stdout, facts };
  }

  it.each(FIXTURES)('%s: no script ran, no dialog opened', async (model) => {
    const { facts } = await render(model);
    expect(facts.pwned).toBeUndefined();
    expect(facts.calls).toBe(0);
    expect(dialogs).toBe(0);
  });

  it.each(FIXTURES)('%s: only the elements and attributes the report makes', async (model) => {
    const { facts } = await render(model);
    expect(facts.elements.filter((e) => !REPORT_ELEMENTS.has(e))).toEqual([]);
    // No script, iframe, object, embed, style, img, svg, form, hr... and no on* handler, style or other attribute.
    expect(facts.attributes).toEqual(expect.arrayContaining(['href', 'id']));
    expect(facts.attributes.filter((a) => !['href', 'id', 'class=language-mermaid', 'style=text-align:right'].includes(a))).toEqual([]);
    expect(facts.mermaidBlocks).toBe(1);
    // Element ids are the register's anchors only: nothing the model named can clobber a global.
    expect(facts.ids.filter((id) => !/^threat-[a-z0-9-]+$/.test(id))).toEqual([]);
    expect(new Set(facts.ids).size).toBe(facts.ids.length);
    expect(facts.brokenAnchors).toEqual([]);
  });

  it.each(FIXTURES)('%s: every link goes where its text says: an anchor, a reference, or a URL shown as itself', async (model) => {
    const { facts } = await render(model);
    for (const { href, text } of facts.links) {
      if (href.startsWith('#')) continue;
      const url = new URL(href);
      expect(['https:', 'http:', 'mailto:'], href).toContain(url.protocol);
      // A reference link (Security Hub, ATT&CK, docs: its label names the host or the catalogue),
      // or a URL written in a name and autolinked by linkify, whose text is the URL itself.
      const shownAsItself = text === href || `http://${text}` === href || `mailto:${text}` === href || decodeURI(href) === text;
      expect(shownAsItself || REFERENCE_HOSTS.has(url.hostname) || text.includes(url.hostname), `${text} -> ${href}`).toBe(true);
    }
  });

  it('hostile-text.yaml: the payloads show as text, in place', async () => {
    const { facts } = await render('fixtures/hostile/hostile-text.yaml');
    expect(facts.h1).toBe(`Threat model review: Hostile\\u001b[2J\\u001b[H\\u001b]0;pwned\\u0007text <script>window.__pwned='name'</script> | "]; %%{init: {"securityLevel": "loose"}}%%`);
    expect(facts.text).toContain("<img src=x onerror=\"window.__pwned='api'\"> {to} $& {0}");
    expect(facts.text).toContain("[Dismiss as false positive](javascript:window.__pwned='sarif-link')");
    expect(facts.text).toContain("<iframe src=\"javascript:window.__pwned='iframe'\"></iframe> <style>body{display:none}</style>");
    expect(facts.text).toContain('reason\\u001b[2J FORGED accepted line');
    // The assumptions "---" and "-- -" are list items of their own, not thematic breaks.
    expect(facts.listItems).toEqual(expect.arrayContaining(['---', '-- -', '- - -']));
  });
});
