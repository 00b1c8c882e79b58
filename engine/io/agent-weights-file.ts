/**
 * agent_weights.arrow: each agent's weight and confidence multiplier at each change, as Arrow
 * columns. In memory (agentWeightsColumns, for runOutputFiles over the whole rows) or written
 * batch by batch as the run hands a batch over (openAgentWeightsFile, for `bt run --out`): the same
 * record batches either way (BATCH_ROWS rows each, one empty batch for no rows, as columnsToIpc
 * cuts them), so the same bytes.
 */
import { BATCH_ROWS, btKindMetadata, type OutColumn } from './arrow-table.js';
import { openKeyedBatchFile, type KeyedBatchFile } from './keyed-batch-file.js';

export const AGENT_WEIGHTS_METADATA = btKindMetadata('agent_weights');

/** agent_weights.arrow's columns over rows of equal length (agent: ids into `agents`). */
export function agentWeightsColumns(ts: Float64Array, agent: Int32Array, weight: Float64Array, multiplier: Float64Array, agents: readonly string[]): OutColumn[] {
  return [
    { name: 'ts', type: 'timestamp-ms', values: ts },
    { name: 'agent', type: 'dict', codes: agent, dictionary: agents },
    { name: 'weight', type: 'float64', values: weight },
    { name: 'confidence_multiplier', type: 'float64', values: multiplier },
  ];
}

/** Creates `path`: agent_weights.arrow written a batch at a time as the run hands its weight rows over (weightRowColumns' order). */
export function openAgentWeightsFile(path: string, agents: readonly string[], batchRows = BATCH_ROWS): KeyedBatchFile {
  return openKeyedBatchFile(path, AGENT_WEIGHTS_METADATA, (ts, ids, [weight, multiplier]) => agentWeightsColumns(ts, ids, weight as Float64Array, multiplier as Float64Array, agents), batchRows);
}
