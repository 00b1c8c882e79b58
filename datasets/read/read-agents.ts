/** Reads agents.arrow (the seeds' agent_schedule.json as Arrow) into the columns of columns.ts. */
import type { Data } from 'apache-arrow';
import { makeVector } from 'apache-arrow';
import { ViolationCollector } from '../../engine/core/errors.js';
import { compareCodeUnits } from '../../engine/core/stable-json.js';
import type { AgentsColumns } from '../schemas/columns.js';
import { openArrowFile } from './open-arrow-file.js';
import { batchChunks, formatFound } from './batch-chunks.js';
import { decodeFloat64, decodeSmall, decodeTimestampMs } from './decode-columns.js';

const getValue = (d: Data, i: number): unknown => makeVector(d).get(i);

/** Returns the agents table; agents must be unique and sorted; throws BtInputError listing violations. */
export function readAgentsArrow(path: string): AgentsColumns {
  const f = openArrowFile(path, 'agents');
  const batches = [...f.batches()];
  const v = new ViolationCollector();
  const chunks = (name: string): Data[] => batchChunks(f.schema, batches, name) ?? [];
  const agentsRaw = decodeSmall(chunks('agent'), getValue);
  const strategyRaw = decodeSmall(chunks('strategy'), getValue);
  const enabledRaw = decodeSmall(chunks('enabled'), getValue);
  const weight = decodeFloat64(chunks('weight'), (i, found) => v.add({ file: path, row: i + 1, field: 'weight', expected: 'a finite number >= 0', found }), false);
  const sinceChunks = batchChunks(f.schema, batches, 'since');
  const sinceMs = sinceChunks === undefined ? undefined : decodeTimestampMs(sinceChunks);
  const intervalMinutes = decodeFloat64(chunks('interval_minutes'), (i, found) => v.add({ file: path, row: i + 1, field: 'interval_minutes', expected: 'a number > 0 or null', found }), true);
  const n = agentsRaw.length;
  const agent: string[] = [];
  const strategy: string[] = [];
  const enabled = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = agentsRaw[i];
    const s = strategyRaw[i];
    const e = enabledRaw[i];
    if (typeof a !== 'string' || a === '') v.add({ file: path, row: i + 1, field: 'agent', expected: 'a non-empty agent name', found: formatFound(typeof a === 'string' ? a : null) });
    const prev = agent[i - 1];
    if (typeof a === 'string' && prev !== undefined && compareCodeUnits(prev, a) >= 0) {
      v.add({ file: path, row: i + 1, field: 'agent', expected: `unique agents sorted by name (after '${prev}')`, found: `'${a}'` });
    }
    if (typeof s !== 'string') v.add({ file: path, row: i + 1, field: 'strategy', expected: 'a strategy class (may be empty)', found: 'null' });
    if (typeof e !== 'boolean') v.add({ file: path, row: i + 1, field: 'enabled', expected: 'true or false', found: 'null' });
    const w = weight[i] ?? Number.NaN;
    weight[i] = w + 0; // a weight stored as -0 is the 0 it means (the outputs show the weight)
    if (w < 0) v.add({ file: path, row: i + 1, field: 'weight', expected: 'a finite number >= 0', found: String(w) });
    const m = intervalMinutes[i] ?? Number.NaN;
    if (m <= 0) v.add({ file: path, row: i + 1, field: 'interval_minutes', expected: 'a number > 0 or null', found: String(m) });
    agent.push(typeof a === 'string' ? a : '');
    strategy.push(typeof s === 'string' ? s : '');
    enabled[i] = e === true ? 1 : 0;
  }
  v.throwIfAny();
  return { length: n, agent, strategy, enabled, weight, intervalMinutes, ...(sinceMs !== undefined ? { sinceMs } : {}) };
}
