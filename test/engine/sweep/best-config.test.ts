import { describe, expect, it } from 'vitest';
import { bestConfig } from '../../../engine/sweep/best-config.js';
import { settingAt } from '../../../engine/sweep/config-id.js';
import { resultOf } from './fixtures.js';

describe('bestConfig', () => {
  it('picks the largest or smallest objective, breaks ties by id and skips nulls', () => {
    const rows = [resultOf('c', { sharpe: 2, max_drawdown: 0.3 }), resultOf('b', { sharpe: 2, max_drawdown: null }), resultOf('a', { sharpe: null, max_drawdown: 0.2 })];
    expect(bestConfig(rows, 'sharpe', 'maximize')?.config_id).toBe('b');
    expect(bestConfig(rows, 'max_drawdown', 'minimize')?.config_id).toBe('a');
    expect(bestConfig([resultOf('a', { calmar: null })], 'calmar', 'maximize')).toBeNull();
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
