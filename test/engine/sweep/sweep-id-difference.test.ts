import { describe, expect, it } from 'vitest';
import { sweepIdDifference } from '../../../engine/sweep/sweep-id-difference.js';
import { headerOf } from './fixtures.js';

// --resume and bt merge refuse a journal of another sweep; the refusal names what changed
// (a data file by its role and hashes, or the configurations), not "space, base scenario or data".
describe('sweepIdDifference', () => {
  const was = headerOf(['a', 'b'], { data_sha256: { findings: 'f'.repeat(64), killList: '1'.repeat(64), prices: 'p'.repeat(64) } });

  it('names each data file whose sha256 changed, by role, with both hashes shortened', () => {
    const now = headerOf(['a', 'b'], { sweep_id: 'zzz', data_sha256: { findings: 'f'.repeat(64), killList: '2'.repeat(64), prices: 'q'.repeat(64) } });
    expect(sweepIdDifference(was, now)).toBe('the prices file (sha256 pppppppppppp, now qqqqqqqqqqqq) and the kill list (sha256 111111111111, now 222222222222) changed');
  });

  it('names a data file one side has and the other lacks', () => {
    const now = headerOf(['a', 'b'], { sweep_id: 'zzz', data_sha256: { findings: 'f'.repeat(64), killList: '1'.repeat(64), prices: 'p'.repeat(64), agents: 'a'.repeat(64) } });
    expect(sweepIdDifference(was, now)).toBe('the agents file (none, now sha256 aaaaaaaaaaaa) changed');
  });

  it('says the configurations changed when every data file is the same, with their counts', () => {
    const now = headerOf(['a', 'c', 'd'], { sweep_id: 'zzz', data_sha256: was.data_sha256 });
    expect(sweepIdDifference(was, now)).toBe('the configurations changed (the sweep file\'s space or the base scenario: 2 configurations, now 3)');
  });
});
