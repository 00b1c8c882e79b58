import { CommanderError } from 'commander';
import { BtInputError, Interrupted, INTERRUPT_STATUS } from '../core/errors.js';
import { asEnvError, BtEnvError, isEnvironmentFault } from '../io/env-error.js';
import { NO_FAULTS, parseFaultPlan, setFaultPlan } from '../io/output-fs.js';
import { setRecoveryNotice } from '../io/recover-stale-outputs.js';
import { buildProgram } from './program.js';

/**
 * Exit codes (STYLE, Errors): 0 ok, 1 a --check gate failed, 2 bad input or usage (also: an
 * --out bt must not replace, or one another bt process is writing), 3 internal error,
 * 4 the environment failed (disk full, read-only, permission denied, a file in the way).
 * A sweep interrupted by SIGINT or SIGTERM ends by that signal (130 or 143 in a shell: interrupt.ts).
 */
export const EXIT = { ok: 0, checkFailed: 1, badInput: 2, internal: 3, environment: 4 } as const;

/** Thrown by a command to end with a given exit code after printing its own output. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/**
 * What the shell injects: the wall clock (run metadata only; never in hashed outputs), and
 * for the fault-injection tests BT_FAULT_INJECT / BT_FAULT_PAUSE (engine/io/output-fs.ts).
 */
export interface CliDeps {
  readonly wallClockMs: () => number;
  readonly faults?: { readonly inject?: string | undefined; readonly pause?: string | undefined };
}

const NO_CLOCK: CliDeps = { wallClockMs: () => 0 };

/** Runs the CLI on argv and returns the process exit code. */
export async function main(argv: readonly string[], deps: CliDeps = NO_CLOCK): Promise<number> {
  const program = buildProgram(deps);
  try {
    setFaultPlan(deps.faults === undefined ? NO_FAULTS : parseFaultPlan(deps.faults.inject, deps.faults.pause));
    setRecoveryNotice((line) => process.stderr.write(`bt: note: ${line}\n`));
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (err) {
    return exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof ExitCode) return err.code;
  if (err instanceof Interrupted) {
    // what it left, then the end by the signal's default action: worker threads stop with the
    // process, whatever task they are in (the status returned only if the parent ignores it)
    process.stderr.write(`\nbt: ${err.message}\n`);
    process.kill(process.pid, err.signal);
    return INTERRUPT_STATUS[err.signal];
  }
  if (err instanceof CommanderError) {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0) return EXIT.ok;
    return EXIT.badInput;
  }
  if (err instanceof BtInputError) {
    process.stderr.write(`bt: ${err.message}\n`);
    return EXIT.badInput;
  }
  if (err instanceof BtEnvError || isEnvironmentFault(err)) {
    const env = err instanceof BtEnvError ? err : asEnvError(err, err.path ?? 'an output path');
    process.stderr.write(`bt: ${(env as Error).message}\n`);
    return EXIT.environment;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  process.stderr.write(`bt: internal error: ${e.stack ?? e.message}\n`);
  return EXIT.internal;
}
