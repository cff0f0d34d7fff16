/**
 * The files a command is about to write, checked before any work: a file name
 * that is empty, that names one of the command's inputs, or that another
 * output names too is bad usage.
 */
import { resolve } from 'node:path';
import { terminalSafe } from '../report/escape.js';

export interface NamedFile {
  /** The option that names it (`-o`, `--json`, ...) or, for an input, what it is (`model`, `baseline`, ...). */
  readonly name: string;
  readonly file: string;
}

/** Why these outputs cannot be written as asked, or undefined when they can. */
export function outputProblem(inputs: readonly NamedFile[], outputs: readonly NamedFile[]): string | undefined {
  const read = new Map(inputs.map((i) => [resolve(i.file), i]));
  const written = new Map<string, NamedFile>();
  for (const o of outputs) {
    if (o.file === '') return `${o.name} needs a file name`;
    const path = resolve(o.file);
    const input = read.get(path);
    if (input) return `${o.name} names ${terminalSafe(o.file)}, the ${input.name} itself; write it to another file`;
    const earlier = written.get(path);
    if (earlier) return `${earlier.name} and ${o.name} both name ${terminalSafe(o.file)}; give each its own file`;
    written.set(path, o);
  }
  return undefined;
}
