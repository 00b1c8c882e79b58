import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBt } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'bt-unread-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bt run: settings the run does not read', () => {
  it('notes on stderr and at the end of metrics.json that the shipped capital-governor scenario sets decay keys its variant never weighs agents by', () => {
    const out = join(tmp, 'cg');
    const r = runBt(['run', 'scenarios/capital-governor.yaml', '--out', out, '--no-report']);
    expect(r.code, r.stderr).toBe(0);
    const note = "allocator.variant capital-governor does not weigh agents by the confidence multiplier: decay.half_life_signals, decay.loss_k_bps, decay.stability_good_err_bps (set away from their defaults) change no weight or target, only the confidence multipliers recorded (agent_weights.arrow's confidence_multiplier, the governance files)";
    expect(r.stderr).toContain(`bt run capital-governor: note: ${note}\n`);
    const notes = (JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as { notes: string[] }).notes;
    expect(notes[notes.length - 1]).toBe(note);
  });
});
