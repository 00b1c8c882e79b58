import type { DatasetKind } from './dataset-kind.js';
import type { FieldSpec } from './field-spec.js';
import { FINDINGS_FIELDS } from './findings-schema.js';
import { PRICES_FIELDS } from './prices-schema.js';
import { RECONCILED_FIELDS } from './reconciled-schema.js';
import { AGENTS_FIELDS } from './agents-schema.js';

/** Column specs of each dataset kind. */
export const KIND_FIELDS: Readonly<Record<DatasetKind, readonly FieldSpec[]>> = {
  findings: FINDINGS_FIELDS,
  prices: PRICES_FIELDS,
  reconciled: RECONCILED_FIELDS,
  agents: AGENTS_FIELDS,
};
