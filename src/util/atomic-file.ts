/**
 * Write a whole file or nothing, from text that arrives in pieces: the pieces
 * go to a new temporary file beside the target, which is flushed to disk and
 * renamed over the target only once every piece is written. Any failure
 * removes the temporary file, so the old file (if any) stays as it was and no
 * partial file is ever left.
 *
 * As write-file-atomic does: a symbolic link to a file is followed (the file
 * it names is replaced; the link stays), a dangling or looping link is
 * replaced itself, and a replaced file keeps its permission bits.
 */
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { batched } from '../report/report-text.js';

export async function writeFileAtomically(file: string, text: Iterable<string> | string): Promise<void> {
  const target = await realpath(file).catch(() => file);
  const mode = await stat(target).then((s) => (s.isFile() ? s.mode & 0o7777 : undefined), () => undefined);
  const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o666);
  let closed = false;
  try {
    if (mode !== undefined) await handle.chmod(mode);
    for (const chunk of batched(text)) await handle.write(chunk, null, 'utf8');
    await handle.sync();
    closed = true;
    await handle.close();
    await rename(temp, target);
  } catch (err) {
    if (!closed) await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
