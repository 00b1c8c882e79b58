import { stringify } from 'yaml';
import type { AgentsColumns, KillList } from '../schemas/columns.js';
import { writeFileAtomic } from '../../engine/io/atomic-write.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import { arrowSchemaFor } from './arrow-schema.js';
import type { TimestampMillisecond } from 'apache-arrow';
import { boolData, float64Data, timestampData, utf8Data } from './arrow-data.js';
import { writeColumnsArrow, type ColumnSlicer } from './write-columns.js';

/** Writes the agents table (one batch) to an Arrow IPC file (temp + rename). */
export function writeAgentsArrow(path: string, cols: AgentsColumns): void {
  const since = cols.sinceMs;
  const schema = arrowSchemaFor('agents', new Set(since !== undefined ? ['since'] : []));
  const slicers: Record<string, ColumnSlicer> = {
    agent: (s, e) => utf8Data(cols.agent.slice(s, e)),
    strategy: (s, e) => utf8Data(cols.strategy.slice(s, e)),
    enabled: (s, e) => boolData(cols.enabled.subarray(s, e)),
    weight: (s, e) => float64Data(cols.weight.subarray(s, e), false),
    interval_minutes: (s, e) => float64Data(cols.intervalMinutes.subarray(s, e), true),
  };
  if (since !== undefined) {
    const tsType = schema.fields.find((f) => f.name === 'since')?.type as TimestampMillisecond;
    slicers['since'] = (s, e) => timestampData(tsType, since.subarray(s, e));
  }
  writeColumnsArrow(path, schema, cols.length, slicers, Math.max(1, cols.length));
}

/** Writes the strategy kill list as YAML in the seed 004 layout (classes and keys sorted), temp + rename. */
export function writeKillListYaml(path: string, list: KillList): void {
  const out: Record<string, Record<string, string | number>> = {};
  for (const cls of Object.keys(list).sort(compareCodeUnits)) {
    const e = list[cls];
    if (e === undefined) continue;
    const row: Record<string, string | number> = {};
    if (e.status !== undefined) row['status'] = e.status;
    if (e.maxDrawdownBps !== undefined) row['max_drawdown_bps'] = e.maxDrawdownBps;
    if (e.minHitRate !== undefined) row['min_hit_rate'] = e.minHitRate;
    if (e.reason !== undefined) row['reason'] = e.reason;
    out[cls] = row;
  }
  writeFileAtomic(path, Object.keys(out).length === 0 ? '{}\n' : stringify(out));
}
