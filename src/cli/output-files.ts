/**
 * The files a command is about to write, checked before any work: a file name
 * that is empty, that names one of the command's inputs, or that another
 * output names too is bad usage.
 */
import { type Stats, fstatSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { terminalSafe } from '../report/escape.js';
import { streamDescriptor } from '../util/stream-names.js';

export interface NamedFile {
  /** The option that names it (`-o`, `--json`, ...) or, for an input, what it is (`model`, `baseline`, ...). */
  readonly name: string;
  readonly file: string;
}

/** Why these outputs cannot be written as asked, or undefined when they can. */
export function outputProblem(inputs: readonly NamedFile[], outputs: readonly NamedFile[]): string | undefined {
  const read = new Map<string, NamedFile>();
  for (const i of inputs) for (const key of namesOf(i.file, 'read')) read.set(key, i);
  const written = new Map<string, NamedFile>();
  for (const o of outputs) {
    if (o.file === '') return `${o.name} needs a file name`;
    const keys = namesOf(o.file, 'written');
    const input = keys.map((k) => read.get(k)).find((i) => i !== undefined);
    if (input) return `${o.name} names ${terminalSafe(o.file)}, the ${input.name} itself; write it to another file`;
    const earlier = keys.map((k) => written.get(k)).find((e) => e !== undefined);
    if (earlier) return `${earlier.name} and ${o.name} both name ${terminalSafe(o.file)}; give each its own file`;
    for (const key of keys) written.set(key, o);
  }
  return undefined;
}

/**
 * What a path names, in forms that two spellings of one file share: the path
 * as written, resolved; and the file itself, by device and inode for a regular
 * file that is there (through links: `self/arch.yaml` with `self -> .`), else
 * by its real directory and its name. An output that is a link is the link (it
 * is replaced, see util/atomic-file.ts), a stream is the file behind its
 * descriptor; a device or a pipe is only its path, since two reports may well
 * go to /dev/null.
 */
function namesOf(file: string, as: 'read' | 'written'): string[] {
  const names = [`path:${resolve(file)}`];
  try {
    const found = fileAt(file, as);
    if (found === 'absent') names.push(`new:${resolve(realpathSync(dirname(resolve(file))), basename(file))}`);
    else if (found?.isFile()) names.push(`file:${found.dev}:${found.ino}`);
  } catch {
    // A path the system cannot look at is known by its name only; writing it will say why.
  }
  return names;
}

/** The file a path reads or writes: the stream's for a stream written to, 'absent' for nothing there or a link that is written over itself. */
function fileAt(file: string, as: 'read' | 'written'): Stats | 'absent' {
  if (as === 'written') {
    const descriptor = streamDescriptor(file);
    if (descriptor !== undefined) return fstatSync(descriptor);
    if (lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) return 'absent';
  }
  return statSync(file, { throwIfNoEntry: false }) ?? 'absent';
}
