/**
 * Write a whole file or nothing, from text that arrives in pieces: the pieces
 * go to a new temporary file beside the target, which is flushed to disk and
 * renamed over the target only once every piece is written. Any failure
 * removes the temporary file, so the old file (if any) stays as it was and no
 * partial file is ever left.
 *
 * Several files are written the same way, all or none: each goes to its
 * temporary file first, and only when every one is on disk are they renamed
 * into place.
 *
 * As write-file-atomic does: a symbolic link to a file is followed (the file
 * it names is replaced; the link stays), a dangling or looping link is
 * replaced itself, and a replaced file keeps its permission bits.
 *
 * A device, a pipe or a socket (`-o /dev/stdout`, `-o /dev/null`) cannot be
 * replaced, and must not be: renaming a file over `/dev/null` as root would
 * put a regular file in its place. Such a target is written in place, after
 * every regular file is on disk and before any is renamed.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { utf8Batches } from './utf8-batches.js';

export interface FileText {
  readonly file: string;
  readonly text: Iterable<string> | string;
}

/**
 * A file written to its temporary name, its flush to the disk and its closing
 * under way (`flushed`, which never rejects: it ends in the system's refusal or
 * undefined); then renamed into place or removed.
 */
interface Prepared {
  readonly file: string;
  readonly temp: string;
  readonly target: string;
  readonly flushed: Promise<unknown>;
}

export async function writeFileAtomically(file: string, text: Iterable<string> | string): Promise<void> {
  await writeFilesAtomically([{ file, text }]);
}

/**
 * Every file written in full, or none of them changed. A refusal of the system
 * names its file (FileWriteError); any other failure (the text's producer threw)
 * is passed on as it is. The renames come last: only a failure among them (the
 * directory vanished between two renames) can leave some files replaced.
 */
export async function writeFilesAtomically(files: readonly FileText[]): Promise<void> {
  const prepared: Prepared[] = [];
  const named = (file: string) => (err: unknown): never => {
    throw systemCode(err) === undefined ? err : new FileWriteError(file, err);
  };
  const targets = [];
  for (const { file } of files) targets.push(await targetOf(file));
  const removeAll = () => Promise.all(prepared.map((p) => p.flushed.then(() => unlink(p.temp).catch(() => undefined))));
  try {
    // One file is flushed to the disk while the next is written.
    for (let i = 0; i < files.length; i++) {
      const { file, text } = files[i]!;
      if (!targets[i]!.inPlace) prepared.push(await prepare(file, targets[i]!, text).catch(named(file)));
    }
    for (const p of prepared) {
      const refused = await p.flushed;
      if (refused !== undefined) named(p.file)(refused);
    }
    for (let i = 0; i < files.length; i++) {
      const { file, text } = files[i]!;
      if (targets[i]!.inPlace) await writeInPlace(targets[i]!.path, text).catch(named(file));
    }
  } catch (err) {
    await removeAll();
    throw err;
  }
  for (let i = 0; i < prepared.length; i++) {
    try {
      await rename(prepared[i]!.temp, prepared[i]!.target);
    } catch (err) {
      await Promise.all(prepared.slice(i).map((p) => unlink(p.temp).catch(() => undefined)));
      named(prepared[i]!.file)(err);
    }
  }
}

/** Where a file goes: the path a link leads to, the permission bits of a regular file there, and whether it is written in place. */
interface Target {
  readonly path: string;
  readonly mode?: number;
  readonly inPlace: boolean;
}

async function targetOf(file: string): Promise<Target> {
  const path = await realpath(file).catch(() => file);
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) return { path, inPlace: false };
  if (found.isFile()) return { path, mode: found.mode & 0o7777, inPlace: false };
  // A directory stays a replacement target, for the system to refuse (EISDIR).
  return { path, inPlace: found.isCharacterDevice() || found.isFIFO() || found.isSocket() };
}

/** A device or pipe, written as it is: no temporary file, no rename, nothing to flush to a disk. */
async function writeInPlace(path: string, text: Iterable<string> | string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await writeText(handle, text);
  } finally {
    await handle.close();
  }
}

const systemCode = (err: unknown): string | undefined => {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** The system refused a file: its error code (ENOENT, EACCES, ...) and the file as given. */
export class FileWriteError extends Error {
  readonly code: string;

  constructor(
    readonly file: string,
    reason: unknown,
  ) {
    super(`cannot write ${file}`, { cause: reason });
    this.name = 'FileWriteError';
    this.code = systemCode(reason)!;
  }
}

/** All of `bytes`, however many writes the system takes for them. */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
}

/**
 * The text's bytes, in order, each batch written while the next is encoded: one
 * write at a time is under way, and it ends before the one after it starts (so
 * before its buffer is filled again, see utf8Batches). Whatever fails, no write
 * is left running on the handle.
 */
async function writeText(handle: FileHandle, text: Iterable<string> | string): Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  try {
    for (const bytes of utf8Batches(text)) {
      await writing;
      writing = writeAll(handle, bytes);
    }
  } catch (err) {
    await writing.catch(() => undefined);
    throw err;
  }
  await writing;
}

async function prepare(file: string, { path: target, mode }: Target, text: Iterable<string> | string): Promise<Prepared> {
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o666);
  try {
    if (mode !== undefined) await handle.chmod(mode);
    await writeText(handle, text);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  const flushed = handle.sync().then(
    () => handle.close().then(() => undefined, (refused: unknown) => refused),
    (refused: unknown) => handle.close().then(() => refused, () => refused),
  );
  return { file, temp, target, flushed };
}
