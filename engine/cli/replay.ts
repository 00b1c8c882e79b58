import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BtInputError } from '../core/errors.js';
import { stableStringify } from '../core/stable-json.js';
import { forEachEvent } from '../io/read-events.js';
import { applyEvent, finalStateOfReplay, initialReplayState } from '../run/apply-event.js';
import { EXIT, ExitCode } from './main.js';

function readJson(path: string, display: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new BtInputError({ file: display, expected: 'a JSON file written by bt run', found: err instanceof Error ? err.message : String(err) });
  }
}

/** `bt replay DIR`: rebuilds the final state from events.arrow alone and checks it against final_state.json. */
export function replayCommand(dir: string): void {
  const manifest = readJson(join(dir, 'manifest.json'), `${dir}/manifest.json`);
  const expected = readJson(join(dir, 'final_state.json'), `${dir}/final_state.json`);
  const settings = manifest['scenario'] as Record<string, Record<string, unknown>> | undefined;
  const capital = settings?.['portfolio']?.['initial_capital'];
  if (typeof capital !== 'number') {
    throw new BtInputError({ file: `${dir}/manifest.json`, field: 'scenario.portfolio.initial_capital', expected: 'a number', found: String(capital) });
  }
  const agents = Object.keys((expected['agent_status'] ?? {}) as Record<string, unknown>);
  const classes = Object.keys((expected['class_status'] ?? {}) as Record<string, unknown>);
  const state = initialReplayState(capital, agents, classes);
  // one record batch at a time: the log of a large run passes what one read can hold
  const n = forEachEvent(join(dir, 'events.arrow'), (e) => applyEvent(state, e));
  const rebuilt = stableStringify(finalStateOfReplay(state), 2);
  const recorded = stableStringify(expected, 2);
  if (rebuilt !== recorded) {
    process.stderr.write(`bt replay: ${dir}: the state rebuilt from ${n} logged events (events.arrow) differs from final_state.json\n`);
    throw new ExitCode(EXIT.checkFailed);
  }
  // the same count bt run prints as "logged events": rows of events.arrow, not the input events it consumed
  process.stdout.write(`bt replay: ${n} logged events (events.arrow) rebuild final_state.json exactly\n`);
}
