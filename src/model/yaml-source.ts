/**
 * Reads a YAML file safely: bounded size, UTF-8 only, no tabs in indentation,
 * YAML 1.2 core schema (no custom tags, no code), bounded alias expansion,
 * duplicate keys refused, and positions recorded for every node.
 */
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import yaml from 'js-yaml';
import { type Diagnostic, InputError } from './diagnostics.js';
import { type Frame, SourceMap, computeLineStarts } from './source-map.js';

export const LIMITS = {
  maxBytes: 16 * 1024 * 1024,
  maxAliases: 1000,
  /** Nodes after expanding every alias: a billion-laughs file stops here. */
  maxExpandedNodes: 4_000_000,
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

export function readYamlFile(file: string): YamlSource {
  let size: number;
  let bytes: Buffer;
  try {
    size = statSync(file).size;
    if (size > LIMITS.maxBytes) {
      fail(file, 0, 0, 'too-large', `the file is ${(size / 1048576).toFixed(1)} MiB; ztm reads files up to ${LIMITS.maxBytes / 1048576} MiB. Split the model or remove generated content.`);
    }
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory, not a file' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    return fail(file, 0, 0, 'unreadable', `cannot read the file: ${why}.`);
  }
  return parseYaml(file, bytes);
}

export function parseYaml(file: string, bytes: Uint8Array): YamlSource {
  if (bytes.length > LIMITS.maxBytes) fail(file, 0, 0, 'too-large', `the input is larger than ${LIMITS.maxBytes / 1048576} MiB.`);
  const text = decode(file, bytes);
  checkTabs(file, text);
  if (/^\s*$/.test(text.replace(/^\s*#.*$/gm, ''))) {
    fail(file, 1, 1, 'empty', 'the file is empty: a model starts with `ztm: 1` (run `ztm init` for a starter model).');
  }

  const frames = new WeakMap<object, Frame>();
  const stack: Frame[] = [];
  let root: Frame | undefined;
  let value: unknown;
  try {
    value = yaml.load(text, {
      filename: file,
      schema: yaml.CORE_SCHEMA,
      json: false,
      listener(event, state) {
        if (event === 'open') {
          stack.push({ start: state.position, end: state.position });
          return;
        }
        const frame = stack.pop()!;
        frame.end = state.position;
        const result: unknown = state.result;
        if (state.kind === 'scalar') frame.scalar = result;
        else if (result !== null && typeof result === 'object' && !frames.has(result)) frames.set(result, frame);
        const parent = stack[stack.length - 1];
        if (parent) (parent.children ??= []).push(frame);
        else root = frame;
      },
    });
  } catch (err) {
    if (err instanceof yaml.YAMLException) {
      const mark = err.mark;
      fail(file, (mark?.line ?? 0) + 1, (mark?.column ?? 0) + 1, 'yaml-syntax', explainYamlError(err.reason));
    }
    throw err;
  }
  const map = new SourceMap(text, root, frames, value);
  checkExpansion(file, value, map);
  return { file, value, map };
}

function decode(file: string, bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail(file, 1, 1, 'encoding', 'the file is UTF-16; save it as UTF-8.');
  }
  if (!isUtf8(bytes)) {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const at = lossy.indexOf('\uFFFD');
    const starts = computeLineStarts(lossy);
    let line = 0;
    while (line + 1 < starts.length && starts[line + 1]! <= at) line++;
    fail(file, line + 1, at - starts[line]! + 1, 'encoding', 'the file has bytes that are not UTF-8 here; save it as UTF-8.');
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function checkTabs(file: string, text: string): void {
  const diagnostics: Diagnostic[] = [];
  const re = /^([ ]*)\t/gm;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const line = text.slice(0, m.index).split('\n').length;
    diagnostics.push({ severity: 'error', file, line, column: m[1]!.length + 1, code: 'tab-indent', message: 'a tab is used for indentation; YAML indents with spaces only. Replace the tab with spaces.' });
    if (diagnostics.length >= 20) break;
  }
  if (diagnostics.length) throw new InputError(diagnostics);
}

/** Count nodes as if every alias were expanded, sharing the work of repeated subtrees. */
function checkExpansion(file: string, root: unknown, map: SourceMap): void {
  const sizes = new Map<object, number>();
  let aliases = 0;
  const visit = (v: unknown, depth: number): number => {
    if (v === null || typeof v !== 'object') return 1;
    const known = sizes.get(v);
    if (known !== undefined) {
      aliases++;
      if (aliases > LIMITS.maxAliases) {
        fail(file, 0, 0, 'too-many-aliases', `the file uses more than ${LIMITS.maxAliases} aliases; ztm refuses it to stay safe from alias bombs.`);
      }
      return known;
    }
    if (depth > LIMITS.maxDepth) fail(file, 0, 0, 'too-deep', `the file nests deeper than ${LIMITS.maxDepth} levels.`);
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) n += visit(child, depth + 1);
    if (n > LIMITS.maxExpandedNodes) {
      const at = map.valueAt([]);
      fail(file, at.line, at.column, 'alias-bomb', `expanding the aliases of this file would make more than ${LIMITS.maxExpandedNodes.toLocaleString('en-US')} nodes (a "billion laughs" file); ztm refuses it.`);
    }
    sizes.set(v, n);
    return n;
  };
  visit(root, 0);
}

function explainYamlError(reason: string): string {
  if (/duplicated mapping key/.test(reason)) return 'this key appears twice in the same mapping; keys must be unique (merge the two entries or rename one).';
  if (/unknown tag/.test(reason)) return `${reason}: ztm reads plain YAML only; custom tags such as !!js/function are refused.`;
  if (/bad indentation|end of the stream or a document separator/.test(reason)) return `YAML syntax error: ${reason}. Check the indentation of this line against the lines above.`;
  return `YAML syntax error: ${reason}.`;
}
