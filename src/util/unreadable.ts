/** Why a file the user named could not be read, in words: the same for models, reports, rules and evidence. */
export function whyUnreadable(err: unknown): string {
  switch ((err as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT':
      return 'no such file; check the path';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return 'it cannot be read';
  }
}
