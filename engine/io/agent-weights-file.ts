/**
 * agent_weights.arrow: each agent's weight and confidence multiplier at each change, as Arrow
 * columns. In memory (agentWeightsColumns, for runOutputFiles over the whole rows) or written
 * batch by batch as the run fills a batch (openAgentWeightsFile, for `bt run --out`): the same
 * record batches either way (BATCH_ROWS rows each, one empty batch for no rows, as columnsToIpc
 * cuts them), so the same bytes.
 */
import { BATCH_ROWS, type OutColumn } from './arrow-table.js';
import { openKeyedBatchFile } from './keyed-batch-file.js';
import { handOverWeightRows, heldWeightRows, type WeightRowColumns, type WeightRowSink } from '../run/weight-rows.js';

export const AGENT_WEIGHTS_METADATA: ReadonlyMap<string, string> = new Map([['bt.kind', 'agent_weights']]);

/** agent_weights.arrow's columns over rows of equal length (agent: ids into `agents`). */
export function agentWeightsColumns(ts: Float64Array, agent: Int32Array, weight: Float64Array, multiplier: Float64Array, agents: readonly string[]): OutColumn[] {
  return [
    { name: 'ts', type: 'timestamp-ms', values: ts },
    { name: 'agent', type: 'dict', codes: agent, dictionary: agents },
    { name: 'weight', type: 'float64', values: weight },
    { name: 'confidence_multiplier', type: 'float64', values: multiplier },
  ];
}

/** agent_weights.arrow being written as the run sets weights. */
export interface AgentWeightsFile {
  readonly sink: WeightRowSink;
  /** Writes the rows the run still holds as the last batch, then the footer; returns the file's sha256 (hex). */
  readonly finish: (out: WeightRowColumns) => string;
  readonly abort: () => void;
}

/** Creates `path` and returns the sink that appends each batch of weight rows to it as one record batch. */
export function openAgentWeightsFile(path: string, agents: readonly string[], batchRows = BATCH_ROWS): AgentWeightsFile {
  const file = openKeyedBatchFile(path, AGENT_WEIGHTS_METADATA, (ts, ids, [weight, multiplier]) => agentWeightsColumns(ts, ids, weight as Float64Array, multiplier as Float64Array, agents), batchRows);
  const sink: WeightRowSink = { batchRows, append: (ts, agent, weight, multiplier) => file.append(ts, agent, [weight, multiplier]) };
  return {
    sink,
    finish: (out) => {
      handOverWeightRows(out, sink); // the full batches a run that ended without a tick since its resume still holds
      const rest = heldWeightRows(out);
      return file.finish({ ts: rest.ts, keyIds: rest.agent, values: [rest.weight, rest.multiplier] });
    },
    abort: file.abort,
  };
}
