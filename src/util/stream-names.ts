/**
 * Paths that name a standard stream or an inherited descriptor, as a user
 * writes one on the command line: `/dev/stdin`, `/dev/stdout`, `/dev/stderr`,
 * `/dev/fd/N`, `/proc/self/fd/N`. Only such a path, as written, is read or
 * written as a stream: a file in a repository (or a link committed under a
 * report's name) never is, since the command line is not a pull request's to
 * choose.
 */
import { posix } from 'node:path';

export const namesAStream = (file: string): boolean => /^\/dev\/(?:std(?:in|out|err)|fd\/\d+)$|^\/proc\/self\/fd\/\d+$/.test(file);

/**
 * The descriptor a stream's path names, the path first normalised (`/dev//stdout`,
 * `/dev/./stdout` and `/dev/../dev/stdout` are `/dev/stdout`), or undefined for any
 * other path: 0, 1, 2 for `/dev/stdin`, `/dev/stdout`, `/dev/stderr`, N for
 * `/dev/fd/N` and `/proc/self/fd/N`. Written to, such a stream is the descriptor
 * itself, as the shell opened it (appending after what it already holds).
 */
export function streamDescriptor(file: string): number | undefined {
  const path = posix.normalize(file);
  if (!namesAStream(path)) return undefined;
  const std = ['/dev/stdin', '/dev/stdout', '/dev/stderr'].indexOf(path);
  return std >= 0 ? std : Number(path.slice(path.lastIndexOf('/') + 1));
}
