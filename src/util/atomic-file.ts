/**
 * Write a whole file or nothing, from text that arrives in pieces: the pieces
 * go to a new temporary file beside the target, which is flushed to disk and
 * renamed over the target only once every piece is written. Any failure
 * removes the temporary file, so the old file (if any) stays as it was and no
 * partial file is ever left.
 *
 * Several files are written the same way, all or none: each goes to its
 * temporary file first, and only when every one is on disk are they renamed
 * into place. Should a rename fail (a file made immutable, a directory put in
 * its place meanwhile), the files already renamed are put back as they were,
 * from a hard link to each old file kept until the last rename.
 *
 * A symbolic link at the target is replaced by the file, never written
 * through: a link committed in a pull request under a report's name
 * (`REVIEW.md -> ~/.bashrc`) must not make CI overwrite a file elsewhere. A
 * link to a device or a pipe is refused (replacing a system link such as
 * /dev/core as root would break the machine). A replaced regular file keeps its
 * permission bits; a directory is refused before anything is written.
 *
 * A device or a pipe named as such (`-o /dev/null`, a named pipe) cannot be
 * replaced, and must not be: renaming a file over `/dev/null` as root would put
 * a regular file in its place. It is written in place, after every regular file
 * is on disk and before any is renamed. A standard stream's path (`/dev/stdout`,
 * `/dev/fd/3`, however written) is the descriptor the process inherited, written
 * where the shell left it: `{ echo head; ztm … -o /dev/stdout; } > out` keeps
 * the head.
 */
import { randomBytes } from 'node:crypto';
import { write as fsWrite } from 'node:fs';
import { type FileHandle, copyFile, link, lstat, open, rename, stat, unlink } from 'node:fs/promises';
import { streamDescriptor } from './stream-names.js';
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
  readonly flushed: Promise<unknown>;
}

export async function writeFileAtomically(file: string, text: Iterable<string> | string): Promise<void> {
  await writeFilesAtomically([{ file, text }]);
}

/**
 * Every file written in full, or none of them changed. A refusal of the system
 * names its file (FileWriteError); any other failure (the text's producer threw)
 * is passed on as it is. The renames come last; a failed one puts back the
 * files renamed before it (renameAll).
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
      if (targets[i]!.inPlace) await writeInPlace(file, targets[i]!, text).catch(named(file));
    }
  } catch (err) {
    await removeAll();
    throw err;
  }
  await renameAll(prepared, named);
}

/**
 * The prepared files renamed into place, all or none: a hard link to each old
 * file (a copy where links are refused) is kept until every rename is done, so
 * a failed rename puts back the files renamed before it. One file needs none:
 * its rename either happens or does not.
 */
async function renameAll(prepared: readonly Prepared[], named: (file: string) => (err: unknown) => never): Promise<void> {
  const olds = prepared.length > 1 ? await Promise.all(prepared.map((p) => keepOld(p.file))) : [];
  const dropOlds = () => Promise.all(olds.map((o) => (o.kept === undefined ? undefined : unlink(o.kept).catch(() => undefined))));
  for (let i = 0; i < prepared.length; i++) {
    try {
      await rename(prepared[i]!.temp, prepared[i]!.file);
    } catch (err) {
      for (let j = 0; j < i; j++) await putBack(prepared[j]!.file, olds[j]!);
      await Promise.all(prepared.slice(i).map((p) => unlink(p.temp).catch(() => undefined)));
      await dropOlds();
      named(prepared[i]!.file)(err);
    }
  }
  await dropOlds();
}

/** What was at a target before the renames: nothing, or a regular file and (unless the system refused both a link and a copy) a second name for it. */
interface Old {
  readonly existed: boolean;
  kept?: string;
}

async function keepOld(target: string): Promise<Old> {
  const found = await lstat(target).catch(() => undefined);
  if (!found?.isFile()) return { existed: found !== undefined };
  const old = `${target}.${randomBytes(6).toString('hex')}.old`;
  const kept = await link(target, old).then(
    () => true,
    () => copyFile(target, old).then(() => true, () => false),
  );
  return kept ? { existed: true, kept: old } : { existed: true };
}

/** The target as it was: the old file renamed back, or the new one removed where there was none. */
async function putBack(target: string, old: Old): Promise<void> {
  if (old.kept !== undefined) {
    await rename(old.kept, target).catch(() => undefined);
    old.kept = undefined;
  } else if (!old.existed) await unlink(target).catch(() => undefined);
}

/** How a file is written: the permission bits of a regular file there, whether it is written in place, and the descriptor of a stream. */
interface Target {
  readonly mode?: number;
  readonly inPlace: boolean;
  readonly descriptor?: number;
}

/** The code of the refusal to write through a link to a device or a pipe (see io.ts). */
export const LINK_TO_DEVICE = 'ZTM_LINK_TO_DEVICE';

const refusal = (file: string, code: string, why: string) => new FileWriteError(file, Object.assign(new Error(`${file} ${why}`), { code }));

async function targetOf(file: string): Promise<Target> {
  // `/dev/stdout` and its kind (however written: `/dev//stdout`) are the descriptor the shell opened.
  const descriptor = streamDescriptor(file);
  if (descriptor !== undefined) return { inPlace: true, descriptor };
  const own = await lstat(file).catch(() => undefined);
  if (own === undefined) return { inPlace: false };
  if (own.isSymbolicLink()) {
    // The link itself is replaced; a link to a device or a pipe is refused, never followed or replaced
    // (as root, replacing a system link such as /dev/core would break the machine).
    const behind = await stat(file).catch(() => undefined);
    if (behind !== undefined && !behind.isFile() && !behind.isDirectory()) throw refusal(file, LINK_TO_DEVICE, 'is a link to a device or a pipe');
    return { inPlace: false };
  }
  if (own.isFile()) return { mode: own.mode & 0o7777, inPlace: false };
  // Refused before any file is written, so that no other file of the run is replaced either.
  if (own.isDirectory()) throw refusal(file, 'EISDIR', 'is a directory');
  return { inPlace: own.isCharacterDevice() || own.isFIFO() || own.isSocket() };
}

/** A device or pipe, written as it is: no temporary file, no rename, nothing to flush to a disk. A stream is its own descriptor, never reopened. */
async function writeInPlace(path: string, { descriptor }: Target, text: Iterable<string> | string): Promise<void> {
  if (descriptor !== undefined) {
    await writeText(descriptorWriter(descriptor), text);
    return;
  }
  const handle = await open(path, 'w');
  try {
    await writeText(handleWriter(handle), text);
  } finally {
    await handle.close();
  }
}

/** Writes some of `bytes` from `offset` on, and says how many. */
type Writer = (bytes: Uint8Array, offset: number, length: number) => Promise<number>;

const handleWriter = (handle: FileHandle): Writer => async (bytes, offset, length) => (await handle.write(bytes, offset, length)).bytesWritten;

/**
 * An inherited descriptor, written where the shell left it (`>>` appends, and a
 * file stays open for what the script writes next). A descriptor that Node made
 * non-blocking (a pipe) may take nothing for a moment: wait and write again.
 */
function descriptorWriter(fd: number): Writer {
  const once = (bytes: Uint8Array, offset: number, length: number) =>
    new Promise<number>((done, fail) => fsWrite(fd, bytes, offset, length, null, (err, n) => (err ? fail(err) : done(n))));
  return async (bytes, offset, length) => {
    for (;;) {
      try {
        return await once(bytes, offset, length);
      } catch (err) {
        if (systemCode(err) !== 'EAGAIN') throw err;
        await new Promise((wait) => setTimeout(wait, 2));
      }
    }
  };
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
async function writeAll(write: Writer, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += await write(bytes, done, bytes.length - done);
}

/**
 * The text's bytes, in order, each batch written while the next is encoded: one
 * write at a time is under way, and it ends before the one after it starts (so
 * before its buffer is filled again, see utf8Batches). Whatever fails, no write
 * is left running on the handle.
 */
async function writeText(write: Writer, text: Iterable<string> | string): Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  try {
    for (const bytes of utf8Batches(text)) {
      await writing;
      writing = writeAll(write, bytes);
    }
  } catch (err) {
    await writing.catch(() => undefined);
    throw err;
  }
  await writing;
}

async function prepare(file: string, { mode }: Target, text: Iterable<string> | string): Promise<Prepared> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o666);
  try {
    if (mode !== undefined) await handle.chmod(mode);
    await writeText(handleWriter(handle), text);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
  const flushed = handle.sync().then(
    () => handle.close().then(() => undefined, (refused: unknown) => refused),
    (refused: unknown) => handle.close().then(() => refused, () => refused),
  );
  return { file, temp, flushed };
}
