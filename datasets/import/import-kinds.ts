// Its own module: `bt data import --help` names the kinds without loading the importer.
/** Kinds `bt data import` accepts: the Arrow kinds plus the YAML kill list (validated, then copied). */
export const IMPORT_KINDS = ['findings', 'prices', 'reconciled', 'agents', 'killlist'] as const;
