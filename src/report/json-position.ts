/**
 * Where JSON text first goes wrong, and why: a small strict JSON scanner, for
 * when JSON.parse's message carries no position (V8 says only "Unexpected
 * token" for many errors). Returns undefined for valid JSON.
 */
export interface JsonSyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: i, message } satisfies JsonSyntaxProblem;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const found = () => (i >= text.length ? 'the end of the text' : JSON.stringify(text[i]));
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${found()}`);
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a control character inside a string (escape it)');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('a \\u escape needs four hex digits');
          i += 5;
        } else if (i < text.length && '"\\/bfnrt'.includes(text[i]!)) i++;
        else fail(`${found()} cannot be escaped`);
      } else i++;
    }
    if (i >= text.length) fail('the string is not closed');
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '-' || m[0] === '') fail(`unexpected ${found()}`);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return container('}', true);
    if (c === '[') return container(']', false);
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c !== undefined && /[-0-9]/.test(c)) return number();
    fail(i >= text.length ? 'the JSON ends too early' : `expected a value, found ${found()}`);
  };
  const container = (close: string, isObject: boolean): void => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      if (isObject) {
        ws();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${found()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected ":" after the property name, found ${found()}`);
        i++;
      }
      value();
      ws();
      if (text[i] === ',') {
        i++;
        ws();
        if (text[i] === close) fail(`a trailing comma before "${close}"`);
        continue;
      }
      if (text[i] === close) return void i++;
      fail(`expected "," or "${close}", found ${found()}`);
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${found()} after the end of the JSON value`);
    return undefined;
  } catch (err) {
    if (typeof err === 'object' && err !== null && 'offset' in err) return err as JsonSyntaxProblem;
    throw err;
  }
}
