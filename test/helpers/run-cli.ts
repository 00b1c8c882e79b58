import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { builtCli } from './built-cli.js';

/** What a `bt` process left: its exit code and both streams. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** Runs `node bin/bt.js ARGS` (the built CLI) in `cwd`, `env` added to this process's, and returns its exit code and output. */
export function runBt(args: readonly string[], cwd: string = REPO, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [builtCli(REPO), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
