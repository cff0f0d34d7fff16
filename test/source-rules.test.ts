/**
 * Rules about ztm's own source that a type checker does not see. A call with
 * spread arguments (`out.push(...list)`, `Math.max(...list)`) puts every item
 * on the stack, and V8 overflows past about 100,000: a large model, rule file,
 * report or evidence file then crashed ztm with "Maximum call stack size
 * exceeded" (exit 3). Source code loops instead; a call that forwards a few
 * arguments is marked `bounded-spread` on its line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const sources = (readdirSync(join(ROOT, 'src'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, 'src', f));

/** `text` with comments, strings and template text blanked (same length, newlines kept). */
function codeOnly(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    const two = text.slice(i, i + 2);
    const ch = text[i]!;
    let end = i + 1;
    if (two === '//') end = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i);
    else if (two === '/*') end = text.indexOf('*/', i + 2) + 2;
    else if (ch === "'" || ch === '"' || ch === '`') {
      // Template literals are blanked whole, ${...} included: spreads inside them are rare and small.
      for (end = i + 1; end < text.length && text[end] !== ch; end++) if (text[end] === '\\') end++;
      end++;
    } else if (ch === '/' && /[=(,:!&|?{};]\s*$/.test(text.slice(Math.max(0, i - 20), i))) {
      // A regular expression literal.
      for (end = i + 1; end < text.length && text[end] !== '/'; end++) if (text[end] === '\\') end++;
      end++;
    } else {
      out += ch;
      i++;
      continue;
    }
    out += text.slice(i, end).replace(/[^\n]/g, ' ');
    i = end;
  }
  return out;
}

/** Lines (1-based) with `...` directly inside parentheses: spread arguments, not typed rest parameters. */
function spreadCalls(text: string): number[] {
  const code = codeOnly(text);
  const stack: string[] = [];
  const found: number[] = [];
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '(' || ch === '[' || ch === '{') stack.push(ch);
    else if (ch === ')' || ch === ']' || ch === '}') stack.pop();
    else if (code.startsWith('...', i) && stack[stack.length - 1] === '(' && !/^\.\.\.\w+\??:/.test(code.slice(i, i + 60))) {
      found.push(code.slice(0, i).split('\n').length);
      i += 2;
    }
  }
  const lines = text.split('\n');
  return found.filter((n) => !lines[n - 1]!.includes('bounded-spread'));
}

describe('ztm source', () => {
  it('spreads no list into a call', () => {
    const offenders = sources.flatMap((file) => spreadCalls(readFileSync(file, 'utf8')).map((line) => `${relative(ROOT, file)}:${line}`));
    expect(offenders).toEqual([]);
  });

  it('the check finds a spread call, and leaves rest parameters, object spreads and array literals alone', () => {
    expect(spreadCalls('out.push(...list);\nMath.max(a, ...b);\n')).toEqual([1, 2]);
    expect(spreadCalls('function f(...xs: number[]) {}\nf({ ...o });\nconst a = [...b];\nf([...b]);\n// x(...y)\nconst s = "f(...g)";\n')).toEqual([]);
    expect(spreadCalls('g(...args); // bounded-spread: forwarded\n')).toEqual([]);
  });
});
