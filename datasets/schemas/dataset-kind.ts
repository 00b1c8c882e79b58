/** The dataset kinds bt reads and writes, and the schema metadata key that names them. */
export const DATASET_KINDS = ['findings', 'prices', 'reconciled', 'agents'] as const;
export type DatasetKind = (typeof DATASET_KINDS)[number];

/** Arrow schema metadata key holding the file's kind (one of DATASET_KINDS). */
export const KIND_METADATA_KEY = 'bt.kind';

/** Returns true when `s` is one of DATASET_KINDS. */
export function isDatasetKind(s: string): s is DatasetKind {
  return (DATASET_KINDS as readonly string[]).includes(s);
}
