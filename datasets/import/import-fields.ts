/**
 * Input column names each dataset field accepts (case-insensitive), beyond its own name:
 * the live system's names (Finding.to_dict has `timestamp`) and common vendor names.
 */
import type { DatasetKind } from '../schemas/dataset-kind.js';

/** Aliases by kind and field name. */
export const FIELD_ALIASES: Readonly<Record<DatasetKind, Readonly<Record<string, readonly string[]>>>> = {
  findings: { ts: ['timestamp', 'time', 'created_at'], agent: ['agent_name'], symbol: ['ticker'], direction: ['side'], strategy: ['strategy_class'] },
  prices: { ts: ['date', 'timestamp', 'time', 'datetime'], symbol: ['ticker'], close: ['price'] },
  reconciled: { ts: ['timestamp', 'time', 'reconciled_at'], strategy: ['strategy_class'] },
  agents: { agent: ['name'], strategy: ['strategy_class', 'class'] },
};
