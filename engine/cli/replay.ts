import { join } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { otherEngineNote, readRunJson, readRunManifest } from '../io/run-json.js';
import { readWhileHashing } from '../io/read-while-hashing.js';
import { forEachEvent } from '../io/read-events.js';
import { applyEvent, finalStateOfReplay, initialReplayState } from '../run/apply-event.js';
import { EXIT, ExitCode } from './main.js';

/**
 * `bt replay DIR`: rebuilds the final state from events.arrow alone and checks it against
 * final_state.json. Both files must first be the ones bt run wrote (their sha256 in
 * manifest.json): the fold ignores most of the log (an outcome's pnl, a mid-run fill's price
 * later undone) and takes its roster from final_state.json, so without the hashes an edited log
 * or an agent added to the state still "rebuilt exactly". events.arrow is hashed on a worker
 * while the main thread folds it (gigabytes on large runs), final_state.json (small) before.
 */
export async function replayCommand(dir: string): Promise<void> {
  const { json: manifest, outputs } = readRunManifest(dir);
  const settings = manifest['scenario'] as Record<string, Record<string, unknown>> | undefined;
  const capital = settings?.['portfolio']?.['initial_capital'];
  if (typeof capital !== 'number') {
    throw new BtInputError({ file: `${dir}/manifest.json`, field: 'scenario.portfolio.initial_capital', expected: 'a number', found: String(capital) });
  }
  const expected = readRunJson(dir, 'final_state.json', outputs);
  const agents = Object.keys((expected['agent_status'] ?? {}) as Record<string, unknown>);
  const classes = Object.keys((expected['class_status'] ?? {}) as Record<string, unknown>);
  const state = initialReplayState(capital, agents, classes);
  const eventsPath = join(dir, 'events.arrow');
  // one record batch at a time: the log of a large run passes what one read can hold
  const n = await readWhileHashing(eventsPath, () => outputs['events.arrow'], () => forEachEvent(eventsPath, (e) => applyEvent(state, e)));
  const rebuilt = stableStringify(finalStateOfReplay(state), 2);
  const recorded = stableStringify(expected, 2);
  const note = otherEngineNote(dir);
  if (note !== null) process.stderr.write(`bt replay: note: ${note}\n`);
  if (rebuilt !== recorded) {
    process.stderr.write(`bt replay: ${dir}: the state rebuilt from ${n} logged events (events.arrow) differs from final_state.json\n`);
    throw new ExitCode(EXIT.checkFailed);
  }
  // the same count bt run prints as "logged events": rows of events.arrow, not the input events it consumed
  process.stdout.write(`bt replay: ${n} logged events (events.arrow) rebuild final_state.json exactly\n`);
}
