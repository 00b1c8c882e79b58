import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Returns the path of bin/bt.js after checking that dist/ holds the compiled CLI it runs.
 * CLI tests never build: `npm test`'s pretest builds once, and a failed build stops npm test
 * before any test runs, so a missing dist/ here means the tests were started another way.
 */
export function builtCli(repo: string): string {
  const main = join(repo, 'dist', 'engine', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm test\` (its pretest builds dist/ once)`);
  return join(repo, 'bin', 'bt.js');
}
