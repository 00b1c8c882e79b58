/**
 * Names that print alike but differ in Unicode normalization. bt compares names code unit by code
 * unit (ids, order, lookups), so 'é' written as U+00E9 (NFC) and as U+0065 U+0301 (NFD) are two
 * names; a file exported by another tool may hold the other form. The lookup errors that meet
 * such a name say so, since both print as 'é' and the error alone would look wrong.
 */

/** Returns the finder of the name in `names` that is `name` in another normalization (NFC equal, not equal), if any. */
export function unicodeTwinFinder(names: readonly string[]): (name: string) => string | undefined {
  let byNfc: Map<string, string> | undefined;
  return (name) => {
    byNfc ??= new Map(names.map((n) => [n.normalize('NFC'), n]));
    const twin = byNfc.get(name.normalize('NFC'));
    return twin !== undefined && twin !== name ? twin : undefined;
  };
}

/** Returns `s` as code points: 'U+0065 U+0301'. */
export function codePoints(s: string): string {
  return Array.from(s, (c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/** The words an error adds for a name `file` lacks but holds as `twin`, in another normalization. */
export function unicodeTwinNote(name: string, twin: string, file: string): string {
  return `${file} has '${twin}', the same text in another Unicode normalization (${codePoints(name)} here, ${codePoints(twin)} there): write both files in one form (NFC)`;
}
