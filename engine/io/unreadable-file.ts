/** What a failed read of an input file was, for a BtInputError's `found`: no such file, a folder, or the fs error's code. */
export function unreadableFileFound(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code; // fs errors carry an errno code
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder' : `an unreadable file (${code ?? 'unknown error'})`;
}
