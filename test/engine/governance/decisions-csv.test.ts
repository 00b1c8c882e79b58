import { describe, expect, it } from 'vitest';
import { decisionsCsv } from '../../../engine/governance/decisions-csv.js';
import { fixtureInput } from './governance-fixture.js';

describe('decisionsCsv', () => {
  it('writes one row per decision, its time as every CSV bt writes (ISO 8601 UTC to the ms), with its statistics and the history folder of its change set', () => {
    const lines = decisionsCsv(fixtureInput().decisions).trimEnd().split('\n');
    expect(lines[0]).toBe('ts,decision,agent,strategy,reason,pnl_sum_bps,hit_rate,error_rate,avg_abs_error_bps,avg_pnl_error_bps,max_drawdown_bps,n_outcomes,change_set');
    expect(lines.slice(1)).toEqual([
      '2005-01-03T00:00:00.000Z,KILL,s2,sentiment,error_rate 0.3 > 0.25,,,,,,,,history/2005-01-03T000000Z',
      '2005-01-05T00:00:00.000Z,CLASS_RETIRE,,sentiment,max_drawdown_breach,-900,0.4,,,,-1300,120,history/2005-01-05T000000Z',
    ]);
  });

  it('quotes a reason holding a comma or a quote', () => {
    const [d] = fixtureInput().decisions;
    const csv = decisionsCsv([{ ...(d as NonNullable<typeof d>), reason: 'a, "b"' }]);
    expect(csv.split('\n')[1]).toContain(',"a, ""b""",');
  });
});
