import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/built-cli.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bt-closed-stdout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs bt with its stdout a pipe whose reader is gone before bt writes (`bt ... | head -0`); returns its exit code and stderr. */
function btIntoClosedPipe(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtCli(REPO), ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader leaves at once: every write bt makes meets a closed pipe (EPIPE)
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('bt writing into a pipe whose reader stopped (bt ... | head)', () => {
  it('finishes a --help with its own exit code instead of dying on an unhandled EPIPE', async () => {
    const r = await btIntoClosedPipe(['run', '--help']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('finishes the run, its output folder complete, when no one reads its summary', async () => {
    const out = join(dir, 'run');
    const r = await btIntoClosedPipe(['run', 'scenarios/quickstart.yaml', '--out', out, '--no-report']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'manifest.json'))).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['.bt-output.json', 'agent_weights.arrow', 'equity.arrow', 'events.arrow', 'final_state.json', 'kills.arrow', 'manifest.json', 'metrics.json', 'run_info.json', 'targets.arrow']);
  });
});
