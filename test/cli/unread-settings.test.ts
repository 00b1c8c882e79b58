import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBt } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bt-unread-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bt run and bt sweep: settings the run does not read', () => {
  it('notes on stderr and at the end of metrics.json that the shipped capital-governor scenario sets decay keys its variant never weighs agents by', () => {
    const out = join(tmp, 'cg');
    const r = runBt(['run', 'scenarios/capital-governor.yaml', '--out', out, '--no-report']);
    expect(r.code, r.stderr).toBe(0);
    const note = "allocator.variant capital-governor does not weigh agents by the confidence multiplier: decay.half_life_signals, decay.loss_k_bps, decay.stability_good_err_bps (set away from their defaults) change no weight or target, only the confidence multipliers recorded (agent_weights.arrow's confidence_multiplier, the governance files)";
    expect(r.stderr).toContain(`bt run capital-governor: note: ${note}\n`);
    const notes = (JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { notes: string[] }).notes;
    expect(notes[notes.length - 1]).toBe(note);
  });

  it('bt sweep notes a swept key no configuration reads (cvar.window_days under capital-governor), and not one some configuration reads', () => {
    const sweep = (name: string, grid: string): string => {
      const file = join(tmp, `${name}.yaml`);
      writeFileSync(file, `name: ${name}\nbase: ${resolve('scenarios/capital-governor.yaml')}\nobjective: sharpe\ndirection: maximize\nspace:\n  grid:\n${grid}`);
      const r = runBt(['sweep', file, '--out', join(tmp, name), '--workers', '1', '--no-report']);
      expect(r.code, r.stderr).toBe(0);
      return r.stderr;
    };
    expect(sweep('flat', '    cvar.window_days: [10, 20]\n    targets.cash_buffer: [0.1, 0.2]\n')).toContain(
      'bt sweep flat: note: cvar.window_days is swept but no configuration reads it (allocator.variant capital-governor does not read the strategy-class CVaR with these allocator.params): its values give the same runs\n',
    );
    // risk-penalized reads it: a grid over both variants is not flat in cvar.window_days
    expect(sweep('mixed', "    cvar.window_days: [10, 20]\n    allocator.variant: ['capital-governor', 'risk-penalized']\n")).not.toContain('is swept but no configuration reads it');
  });
});
