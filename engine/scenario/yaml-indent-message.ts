/**
 * Plain words for the YAML parser's indentation errors. A hand-written scenario's most common
 * slip is a key one space off, and the parser's own words ("Nested mappings are not allowed in
 * compact mappings", "Implicit keys need to be on a single line") name its internals, not the fix.
 */

const INDENT_MESSAGES: Readonly<Record<string, string>> = {
  // reported at the line of the key whose value swallowed the deeper line below it
  BLOCK_AS_IMPLICIT_KEY:
    'the line after this one is indented deeper than this key, so YAML reads it as part of this key\'s value: indent it as this key (or, to nest it under this key, leave this key\'s value empty)',
  MULTILINE_IMPLICIT_KEY:
    'the line after this one is indented deeper than this key, so YAML reads it as part of this key\'s value: indent it as this key (or, to nest it under this key, leave this key\'s value empty)',
  // reported at the line that is off
  BAD_INDENT: 'this key is not at the column of the keys above it in the same mapping: indent it as they are',
  TAB_AS_INDENT: 'a tab indents this line: YAML indents with spaces only',
};

/** Returns the plain message for a yaml library error code, or undefined for a code without one. */
export function yamlIndentMessage(code: string): string | undefined {
  return INDENT_MESSAGES[code];
}
