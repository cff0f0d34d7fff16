/**
 * Positions in JSON text, found by a small strict JSON scanner:
 * - findJsonSyntaxError: where the text first goes wrong, and why, for when
 *   JSON.parse's message carries no position (V8 says only "Unexpected token"
 *   for many errors);
 * - findJsonValue: where the value at a path (`threats`, 3, `id`) starts, for
 *   messages about a value of a report too large for the YAML source map.
 * Both read the text once, from the start, and recurse once per level: the
 * text must have passed the depth check (util/json-scan.ts) first.
 */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

type Segment = string | number;

/** The scanner: `pos` moves over the text; every problem is thrown as a JsonSyntaxProblem. */
function scanner(text: string) {
  const s = {
    pos: 0,
    fail(message: string): never {
      throw { offset: s.pos, message } satisfies JsonSyntaxProblem;
    },
    ws() {
      while (s.pos < text.length && ' \t\n\r'.includes(text[s.pos]!)) s.pos++;
    },
    found: () => (s.pos >= text.length ? 'the end of the text' : JSON.stringify(text[s.pos])),
    literal(word: string) {
      if (text.startsWith(word, s.pos)) s.pos += word.length;
      else s.fail(`unexpected ${s.found()}`);
    },
    /** A string, its quotes included; returns its text as written (escapes not decoded). */
    string(): string {
      const start = s.pos++;
      while (s.pos < text.length && text[s.pos] !== '"') {
        const c = text.charCodeAt(s.pos);
        if (c < 0x20) s.fail('a control character inside a string (escape it)');
        if (text[s.pos] === '\\') {
          s.pos++;
          if (text[s.pos] === 'u') {
            if (!/^[0-9a-fA-F]{4}$/.test(text.slice(s.pos + 1, s.pos + 5))) s.fail('a \\u escape needs four hex digits');
            s.pos += 5;
          } else if (s.pos < text.length && '"\\/bfnrt'.includes(text[s.pos]!)) s.pos++;
          else s.fail(`${s.found()} cannot be escaped`);
        } else s.pos++;
      }
      if (s.pos >= text.length) s.fail('the string is not closed');
      s.pos++;
      return text.slice(start, s.pos);
    },
    number() {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(s.pos));
      if (!m || m[0] === '-' || m[0] === '') s.fail(`unexpected ${s.found()}`);
      s.pos += m![0].length;
    },
    /** One value; `member(key)` (an index in a list) is called at each member of a list or mapping before its value, and returns true when it read the value itself. */
    value(member?: (key: Segment) => boolean): void {
      s.ws();
      const c = text[s.pos];
      if (c === '{') return s.container('}', true, member);
      if (c === '[') return s.container(']', false, member);
      if (c === '"') return void s.string();
      if (c === 't') return s.literal('true');
      if (c === 'f') return s.literal('false');
      if (c === 'n') return s.literal('null');
      if (c !== undefined && /[-0-9]/.test(c)) return s.number();
      s.fail(s.pos >= text.length ? 'the JSON ends too early' : `expected a value, found ${s.found()}`);
    },
    container(close: string, isObject: boolean, member?: (key: Segment) => boolean): void {
      s.pos++;
      s.ws();
      if (text[s.pos] === close) return void s.pos++;
      for (let index = 0; ; index++) {
        let key: Segment = index;
        if (isObject) {
          s.ws();
          if (text[s.pos] !== '"') s.fail(`expected a property name in double quotes, found ${s.found()}`);
          const raw = s.string();
          key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
          s.ws();
          if (text[s.pos] !== ':') s.fail(`expected ":" after the property name, found ${s.found()}`);
          s.pos++;
        }
        if (!member?.(key)) s.value();
        s.ws();
        if (text[s.pos] === ',') {
          s.pos++;
          s.ws();
          if (text[s.pos] === close) s.fail(`a trailing comma before "${close}"`);
          continue;
        }
        if (text[s.pos] === close) return void s.pos++;
        s.fail(`expected "," or "${close}", found ${s.found()}`);
      }
    },
  };
  return s;
}

const isProblem = (err: unknown): err is JsonSyntaxProblem => typeof err === 'object' && err !== null && 'offset' in err;

/** Where JSON text first goes wrong, and why; undefined for valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  const s = scanner(text);
  try {
    s.value();
    s.ws();
    if (s.pos < text.length) s.fail(`unexpected ${s.found()} after the end of the JSON value`);
    return undefined;
  } catch (err) {
    if (isProblem(err)) return err;
    throw err;
  }
}

/** The offset where the value at `path` starts in valid JSON text, or undefined when the path is not in it (the last of repeated keys wins, as in JSON.parse). */
export function findJsonValue(text: string, path: readonly Segment[]): number | undefined {
  const s = scanner(text);
  let found: number | undefined;
  const at = (depth: number) => (key: Segment): boolean => {
    if (key !== path[depth]) return false;
    s.ws();
    if (depth === path.length - 1) found = s.pos;
    s.value(at(depth + 1));
    return true;
  };
  try {
    s.ws();
    if (path.length === 0) return s.pos;
    s.value(at(0));
  } catch (err) {
    if (isProblem(err)) return undefined;
    throw err;
  }
  return found;
}
