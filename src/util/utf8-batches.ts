/**
 * Text in pieces, as UTF-8 bytes in a few large batches, encoded straight into
 * two buffers that the batches take in turn. Joining the pieces into a string
 * and then encoding that string copies the text twice and leaves a fresh string
 * and a fresh buffer behind for each batch; here each character is copied once.
 * Two buffers let one batch go to the disk while the next is encoded.
 */

/** Bytes one UTF-16 code unit can take in UTF-8 (a surrogate pair, two units, takes four). */
const MAX_BYTES_PER_UNIT = 3;

/**
 * The UTF-8 bytes of the concatenated pieces, in order. A yielded batch is a view
 * of one of the two shared buffers, which the batch after next fills again: it
 * must be used (written) before that one is asked for. A piece that could not
 * fit a buffer even when empty comes as a buffer of its own. The pieces must each be whole text (no surrogate pair split between
 * two pieces), as a report's pieces are.
 */
export function* utf8Batches(text: Iterable<string> | string, capacity = 4 << 20): Generator<Uint8Array> {
  if (typeof text === 'string') {
    yield Buffer.from(text, 'utf8');
    return;
  }
  const buffers = [Buffer.allocUnsafe(capacity), Buffer.allocUnsafe(capacity)] as const;
  let buffer = buffers[0];
  let used = 0;
  for (const piece of text) {
    const bound = piece.length * MAX_BYTES_PER_UNIT;
    if (bound > capacity - used && used > 0) {
      yield buffer.subarray(0, used);
      buffer = buffer === buffers[0] ? buffers[1] : buffers[0];
      used = 0;
    }
    if (bound > capacity) yield Buffer.from(piece, 'utf8');
    else used += buffer.write(piece, used, 'utf8');
  }
  if (used > 0) yield buffer.subarray(0, used);
}
