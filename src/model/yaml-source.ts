/**
 * Reads a YAML file safely: bounded size, UTF-8 only, no tabs in indentation,
 * YAML 1.2 core schema (no custom tags, no code), bounded nesting and alias
 * expansion, duplicate keys refused, and positions recorded for every node.
 */
import { isUtf8 } from 'node:buffer';
import yaml from 'js-yaml';
import { type Diagnostic, InputError } from './diagnostics.js';
import { FrameTable, type PathSegment, type Position, SourceMap, positionIn } from './source-map.js';
import { thousands } from '../util/thousands.js';
import { whyUnreadable } from '../util/unreadable.js';
import { NotAFileError, TooLargeError, notAFileText, readBounded, tooLargeText } from '../util/bounded-read.js';

export const LIMITS = {
  /** A 50,000-component model is about 22 MiB. */
  maxBytes: 32 * 1024 * 1024,
  maxAliases: 1000,
  /** Nodes after expanding every alias: a billion-laughs file stops here. */
  maxExpandedNodes: 4_000_000,
  /** Levels of nested lists and mappings. */
  maxDepth: 64,
};

export interface YamlSource {
  readonly file: string;
  readonly value: unknown;
  readonly map: SourceMap;
}

const fail = (file: string, line: number, column: number, code: string, message: string): never => {
  throw new InputError([{ severity: 'error', file, line, column, code, message }]);
};


export function readYamlFile(file: string, options: ParseOptions = {}): YamlSource {
  let bytes: Buffer;
  try {
    bytes = readBounded(file, LIMITS.maxBytes);
  } catch (err) {
    if (err instanceof TooLargeError) tooLarge(file, err.size);
    if (err instanceof NotAFileError) return fail(file, 0, 0, 'not-a-file', `${notAFileText(err.kind, 'the file')}.`);
    return fail(file, 0, 0, 'unreadable', `cannot read the file: ${whyUnreadable(err)}.`);
  }
  return parseYaml(file, bytes, options);
}

/** A regular file's size is known before reading; a stream (`/dev/stdin` given `< /dev/zero`) is read up to the limit. */
function tooLarge(file: string, size: number | undefined): never {
  const hint = size === undefined ? 'Give ztm the file itself, not a stream of it.' : 'Split the model or remove generated content.';
  return fail(file, 0, 0, 'too-large', `${tooLargeText(size, LIMITS.maxBytes, 'the file', 'files')}. ${hint}`);
}

export interface ParseOptions {
  /** Record every node's position at once, not only the near-root ones (tests compare the two). */
  readonly recordAll?: boolean;
  /** What the file should hold, for the message about an empty one (`a model starts with \`ztm: 1\``). */
  readonly expected?: string;
}

export function parseYaml(file: string, bytes: Uint8Array, options: ParseOptions = {}): YamlSource {
  if (bytes.length > LIMITS.maxBytes) tooLarge(file, bytes.length);
  const text = decode(file, bytes);
  checkTabs(file, text);
  const { value, table, parserDepth } = parseWithPositions(file, text, options.recordAll ? Infinity : RECORDED_DEPTH);
  if (value === null || value === undefined) {
    if (/^\s*$/.test(text.replace(/^\s*#.*$/gm, ''))) {
      fail(file, 1, 1, 'empty', options.expected === undefined ? 'the file is empty.' : `the file is empty: ${options.expected}.`);
    }
  }
  // The same text parses the same way: this second parse cannot fail.
  const map = new SourceMap(text, table, value, () => parseWithPositions(file, text, Infinity));
  // Without aliases the values form a tree as small as the text; the walk then only locates a too-deep value.
  // Lists and mappings nest no deeper than the parser did: only a deep parse needs the exact count.
  if (table.aliases > 0 || (parserDepth > LIMITS.maxDepth && map.collectionDepth() > LIMITS.maxDepth)) checkExpansion(file, value, map);
  return { file, value, map };
}

/** js-yaml's nesting counts keys and block-sequence items too: about two parser levels per level of data. */
const maxParserDepth = () => LIMITS.maxDepth * 2 + 4;

/**
 * Parser levels whose nodes the first parse records: the top-level keys, the entries of
 * each section (a component, a flow) and their keys, which is what reports locate. Recording
 * every node took about a quarter of the parse at 10,000 components; a message about a
 * detail makes the source map parse again in full (see SourceMap).
 */
const RECORDED_DEPTH = 3;

function parseWithPositions(file: string, text: string, recordedDepth: number): { value: unknown; table: FrameTable; parserDepth: number } {
  // About a node per 4 characters when all are recorded; the near-root ones are a few per line.
  const table = new FrameTable(recordedDepth === Infinity ? text.length >> 2 : text.length >> 6);
  const maxDepth = maxParserDepth();
  // open nodes and, for each, its last closed child
  const open = new Int32Array(maxDepth + 2);
  const tail = new Int32Array(maxDepth + 2);
  let depth = 0;
  let deepest = 0;
  let value: unknown;
  try {
    const options: yaml.LoadOptions & { maxDepth: number } = {
      filename: file,
      schema: yaml.CORE_SCHEMA,
      json: false,
      maxDepth,
      listener(event, state: yaml.State & { anchor: string | null }) {
        if (event === 'open') {
          if (depth < recordedDepth) {
            open[depth] = table.open(state.position);
            tail[depth] = -1;
          } else if (depth === recordedDepth) table.truncate(open[depth - 1]!);
          if (++depth > deepest) deepest = depth;
          return;
        }
        if (--depth >= recordedDepth) {
          table.skip(state.kind, state.result);
          return;
        }
        const i = open[depth]!;
        if (depth > 0) {
          table.close(i, state.position, state.kind, state.result, state.anchor, open[depth - 1]!, tail[depth - 1]!);
          tail[depth - 1] = i;
        } else table.close(i, state.position, state.kind, state.result, state.anchor, -1, -1);
      },
    };
    value = yaml.load(text, options);
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const mark = err.mark;
      const code = /exceeded maxDepth/.test(err.reason) ? 'too-deep' : 'yaml-syntax';
      // From the offset, as every other position: js-yaml's own line count takes a lone CR
      // as a line break, and its null-byte check puts the byte on line 1 at its file offset.
      const offset = Math.min(mark?.position ?? 0, text.length);
      const at = problemStart(err.reason, text, offset) ?? positionIn(text, offset);
      fail(file, at.line, at.column, code, explainYamlError(err.reason, text, mark?.position ?? 0));
    }
    throw err;
  }
  return { value, table, parserDepth: deepest };
}

function decode(file: string, bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    fail(file, 1, 1, 'encoding', 'the file is UTF-32; save it as UTF-8.');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail(file, 1, 1, 'encoding', 'the file is UTF-16; save it as UTF-8.');
  }
  if (!isUtf8(bytes)) {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = positionIn(lossy, lossy.indexOf('\uFFFD'));
    fail(file, at.line, at.column, 'encoding', 'the file has bytes that are not UTF-8 here; save it as UTF-8.');
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function checkTabs(file: string, text: string): void {
  // Most files have no tab at all: one scan instead of the line-by-line pattern.
  if (text.indexOf('\t') === -1) return;
  const diagnostics: Diagnostic[] = [];
  const re = /^([ ]*)\t/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const at = positionIn(text, m.index + m[1]!.length);
    diagnostics.push({ severity: 'error', file, ...at, code: 'tab-indent', message: 'a tab is used for indentation; YAML indents with spaces only. Replace the tab with spaces.' });
    if (diagnostics.length >= 20) break;
  }
  if (diagnostics.length) throw new InputError(diagnostics);
}

/** Count nodes as if every alias were expanded, sharing the work of repeated subtrees. */
function checkExpansion(file: string, root: unknown, map: SourceMap): void {
  const sizes = new Map<object, number>();
  const heights = new Map<object, number>(); // levels of lists and mappings from an object down
  const path: PathSegment[] = [];
  let aliases = 0;
  const failAt = (code: string, message: string): never => {
    const at = map.valueAt(path);
    return fail(file, at.line, at.column, code, message);
  };
  let height = 0;
  const tooDeep = () => failAt('too-deep', `the file nests lists and mappings deeper than ${LIMITS.maxDepth} levels here; a model needs far fewer. Flatten this value.`);
  const visit = (v: unknown): number => {
    if (v === null || typeof v !== 'object') {
      height = 0;
      return 1;
    }
    const known = sizes.get(v);
    if (known !== undefined) {
      if (++aliases > LIMITS.maxAliases) failAt('too-many-aliases', `the file repeats anchored values (aliases) more than ${LIMITS.maxAliases} times; ztm refuses it to stay safe from alias bombs. Write the values out.`);
      height = heights.get(v)!;
      if (path.length + height > LIMITS.maxDepth) tooDeep();
      return known;
    }
    if (path.length >= LIMITS.maxDepth) tooDeep();
    let n = 1;
    let below = 0;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        n += visit(v[i]);
        if (height > below) below = height;
        path.pop();
      }
    } else {
      for (const key of Object.keys(v)) {
        path.push(key);
        n += visit((v as Record<string, unknown>)[key]);
        if (height > below) below = height;
        path.pop();
      }
    }
    if (n > LIMITS.maxExpandedNodes) {
      failAt('alias-bomb', `expanding the aliases here would make more than ${thousands(LIMITS.maxExpandedNodes)} values (a "billion laughs" file); ztm refuses it. Write the values out instead of nesting aliases.`);
    }
    sizes.set(v, n);
    heights.set(v, (height = below + 1));
    return n;
  };
  visit(root);
}

/**
 * Where the problem js-yaml reports is, where its own mark is elsewhere: it
 * marks a refused tag after the tagged value, a character YAML does not allow
 * at the end of its line, and a second document at the start of the file.
 */
function problemStart(reason: string, text: string, offset: number): Position | undefined {
  if (/unknown tag/.test(reason)) return tagStart(reason, text, offset);
  if (/non-printable/.test(reason)) {
    const at = firstNonPrintable(text);
    return at < 0 ? undefined : positionIn(text, at);
  }
  if (/expected a single document/.test(reason)) {
    const at = secondDocument(text);
    return at < 0 ? undefined : positionIn(text, at);
  }
  return undefined;
}

function tagStart(reason: string, text: string, offset: number): Position | undefined {
  const tag = /unknown tag !<([^>]*)>/.exec(reason)?.[1];
  if (tag === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const written = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag;
  const at = text.lastIndexOf(written, offset);
  return at >= lineStart ? positionIn(text, at) : undefined;
}

/** What YAML 1.2 does not allow in a file, as js-yaml checks it: controls but tab and line breaks, DEL, C1 but NEL, U+FFFE/U+FFFF, and a lone surrogate. */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

function firstNonPrintable(text: string): number {
  const m = NON_PRINTABLE.exec(text);
  if (m === null) return -1;
  // A lone low surrogate is matched with the character before it.
  return m[0].length === 2 && m[0].charCodeAt(1) >= 0xdc00 && m[0].charCodeAt(1) <= 0xdfff ? m.index + 1 : m.index;
}

/** The offset where a second document begins: a `---` after content, or content after a `...`; -1 if none is found. */
function secondDocument(text: string): number {
  const lines = /^(.*)$/gm;
  let content = false;
  let ended = false;
  for (let m = lines.exec(text); m !== null; m = lines.exec(text)) {
    const line = m[1]!;
    if (m[0].length === 0 && m.index >= text.length) break;
    const marker = /^(---|\.\.\.)(?=[ \t\r]|$)/.exec(line)?.[1];
    if (marker === '---') {
      if (content || ended) return m.index;
      content = /^---[ \t]+[^ \t\r#]/.test(line);
    } else if (marker === '...') {
      if (content) ended = true;
    } else if (/^[ \t]*[^ \t\r#]/.test(line)) {
      if (ended) return m.index + (line.length - line.trimStart().length);
      content = true;
    }
    if (m[0].length === 0) lines.lastIndex++;
  }
  return -1;
}

function explainYamlError(reason: string, text: string, offset: number): string {
  if (/duplicated mapping key/.test(reason)) {
    const key = /^("[^"\n]*"|'[^'\n]*'|[^:\n]*?)\s*:/.exec(text.slice(offset, offset + 300))?.[1];
    const name = key ? `the key ${key.startsWith('"') || key.startsWith("'") ? key : `"${key}"`}` : 'this key';
    return `${name} appears twice in the same mapping; keys must be unique (merge the two entries or rename one).`;
  }
  const tag = /unknown tag !<([^>]*)>/.exec(reason)?.[1];
  if (tag !== undefined) {
    const shown = tag.startsWith('tag:yaml.org,2002:') ? `!!${tag.slice(18)}` : tag;
    return `the tag ${shown} is not allowed: ztm reads plain YAML only (no custom tags such as !!js/function); remove the tag.`;
  }
  if (/exceeded maxDepth/.test(reason)) return `the file nests lists and mappings deeper than ${LIMITS.maxDepth} levels here; a model needs far fewer. Flatten this value.`;
  if (/bad indentation|end of the stream or a document separator/.test(reason)) return `YAML syntax error: ${reason}. Check the indentation of this line against the lines above.`;
  if (/non-printable/.test(reason)) {
    const at = firstNonPrintable(text);
    const code = at < 0 ? 'a character' : `the character U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}`;
    return `the file holds ${code} here, which YAML does not allow in a file (a control character, or half of a UTF-16 pair); remove it, or write it as an escape in a double-quoted string ("\\x1b").`;
  }
  if (/expected a single document/.test(reason)) return 'a second YAML document starts here; ztm reads one document a file. Remove the `---` line and what follows, or put it in a file of its own.';
  return `YAML syntax error: ${reason}.`;
}
