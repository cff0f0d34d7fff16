/**
 * Paths that name a standard stream or an inherited descriptor, as a user
 * writes one on the command line: `/dev/stdin`, `/dev/stdout`, `/dev/stderr`,
 * `/dev/fd/N`, `/proc/self/fd/N`. Only such a path, as written, is read or
 * written as a stream: a file in a repository (or a link committed under a
 * report's name) never is, since the command line is not a pull request's to
 * choose.
 */
export const namesAStream = (file: string): boolean => /^\/dev\/(?:std(?:in|out|err)|fd\/\d+)$|^\/proc\/self\/fd\/\d+$/.test(file);
