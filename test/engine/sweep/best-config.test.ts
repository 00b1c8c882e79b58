import { describe, expect, it } from 'vitest';
import { bestConfig } from '../../../engine/sweep/best-config.js';
import { settingAt } from '../../../engine/scenario/param-spec.js';
import type { JournalResult } from '../../../engine/sweep/journal.js';
import { resultOf } from './fixtures.js';

describe('bestConfig', () => {
  it('picks the largest or smallest objective, breaks ties by id and skips nulls', () => {
    const rows = [resultOf('c', { sharpe: 2, max_drawdown: 0.3 }), resultOf('b', { sharpe: 2, max_drawdown: null }), resultOf('a', { sharpe: null, max_drawdown: 0.2 })];
    expect(bestConfig(rows, 'sharpe', 'maximize')?.config_id).toBe('b');
    expect(bestConfig(rows, 'max_drawdown', 'minimize')?.config_id).toBe('a');
    expect(bestConfig([resultOf('a', { calmar: null })], 'calmar', 'maximize')).toBeNull();
  });

  it('never picks a configuration that never traded, however good its objective', () => {
    // 'idle' stayed in cash: no drawdown at all, which a traded book cannot beat
    const rows = [resultOf('idle', { max_drawdown: 0, turnover_traded_annualized: 0 }), resultOf('busy', { max_drawdown: 0.3, turnover_traded_annualized: 2 })];
    expect(bestConfig(rows, 'max_drawdown', 'minimize')?.config_id).toBe('busy');
    expect(bestConfig([rows[0] as JournalResult], 'max_drawdown', 'minimize')).toBeNull();
  });
});

describe('settingAt', () => {
  it('returns the value at a dotted path or null', () => {
    const s = { targets: { cash_buffer: 0.1 }, allocator: { params: { max_weight: 0.2 } } };
    expect(settingAt(s, 'allocator.params.max_weight')).toBe(0.2);
    expect(settingAt(s, 'targets')).toEqual({ cash_buffer: 0.1 });
    expect(settingAt(s, 'targets.nope')).toBeNull();
  });
});
