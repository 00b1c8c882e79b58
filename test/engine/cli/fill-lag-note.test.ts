import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fillLagNote, FILL_LAG_NOTE_SHARE } from '../../../engine/cli/run.js';
import { runScenario } from '../../../engine/api/run-scenario.js';

describe('fillLagNote', () => {
  it('notes only a share above FILL_LAG_NOTE_SHARE, and words a median it cannot take', () => {
    expect(FILL_LAG_NOTE_SHARE).toBe(0.5);
    expect(fillLagNote({ live: 10, beforeFill: 5, medianHorizonHours: 24, medianLagHours: 24 })).toBeNull();
    expect(fillLagNote({ live: 0, beforeFill: 0, medianHorizonHours: Number.NaN, medianLagHours: Number.NaN })).toBeNull();
    expect(fillLagNote({ live: 10, beforeFill: 6, medianHorizonHours: 1.5, medianLagHours: Number.NaN })).toContain(
      '60.00% of the findings a tick saw (6 of 10) were reconciled at or before their symbol\'s next close after that tick, where the tick\'s targets fill: ' +
        "the agents' statistics count these calls, the equity never held them (median horizon 1.50 h; median lag from tick to next close n/a (no close after the tick)). ",
    );
  });

  it('stays silent on every shipped scenario', async () => {
    const dir = 'scenarios';
    const names = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
    expect(names).toContain('quickstart.yaml');
    for (const name of names) {
      const ran = await runScenario(join(dir, name));
      expect(ran.fillLag.live, name).toBeGreaterThan(0);
      expect(fillLagNote(ran.fillLag), `${name}: ${JSON.stringify(ran.fillLag)}`).toBeNull();
    }
  }, 120_000);
});
