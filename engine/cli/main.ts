import { Command, CommanderError } from 'commander';
import { BtInputError } from '../core/errors.js';
import { registerParity } from './parity.js';
import { registerMetrics } from './metrics.js';
import { registerData } from './data.js';
import { registerRun } from './run.js';
import { registerReplay } from './replay.js';
import { registerSweep } from './sweep.js';
import { registerMerge } from './merge.js';
import { registerReport } from './report.js';
import { registerCompare } from './compare.js';
import { registerGovernance } from './governance.js';

/** Exit codes (STYLE, Errors): 0 ok, 1 a --check gate failed, 2 bad input or usage, 3 internal error. */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internal: 3 } as const;

/** Thrown by a command to end with a given exit code after printing its own output. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** What the shell injects: the wall clock (run metadata only; never in hashed outputs). */
export interface CliDeps {
  readonly wallClockMs: () => number;
}

const NO_CLOCK: CliDeps = { wallClockMs: () => 0 };

/** Builds the `bt` command tree. */
export function buildProgram(deps: CliDeps = NO_CLOCK): Command {
  const program = new Command();
  program
    .name('bt')
    .description('Deterministic, event-sourced backtesting of multi-agent capital allocation')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError();
  registerRun(program, deps);
  registerReplay(program);
  registerSweep(program, deps);
  registerMerge(program);
  registerReport(program);
  registerCompare(program, deps);
  registerGovernance(program);
  registerParity(program);
  registerMetrics(program);
  registerData(program);
  return program;
}

/** Runs the CLI on argv and returns the process exit code. */
export async function main(argv: readonly string[], deps: CliDeps = NO_CLOCK): Promise<number> {
  const program = buildProgram(deps);
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (err) {
    return exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof ExitCode) return err.code;
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
    return EXIT.badInput;
  }
  if (err instanceof BtInputError) {
    process.stderr.write(`bt: ${err.message}\n`);
    return EXIT.badInput;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`bt: internal error: ${e.stack ?? e.message}\n`);
  return EXIT.internal;
}
