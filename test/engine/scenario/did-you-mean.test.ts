import { describe, expect, it } from 'vitest';
import { didYouMean, levenshtein } from '../../../engine/scenario/did-you-mean.js';

describe('levenshtein', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3); // k->s, e->i, +g
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('floor', 'floor')).toBe(0);
    expect(levenshtein('seeed', 'seed')).toBe(1);
  });
});

describe('didYouMean', () => {
  const keys = ['half_life_signals', 'loss_k_bps', 'floor', 'ceil', 'penalty_cap'];

  it('suggests a key within two edits', () => {
    expect(didYouMean('flor', keys)).toBe('floor');
    expect(didYouMean('cell', keys)).toBe('ceil');
  });

  it('suggests a key sharing a long prefix', () => {
    expect(didYouMean('half_life_hour', keys)).toBe('half_life_signals');
    expect(didYouMean('penalty', keys)).toBe('penalty_cap');
  });

  it('returns undefined when nothing is close', () => {
    expect(didYouMean('zzzzzz', keys)).toBeUndefined();
  });

  it('breaks equal distances by shared prefix, then by code units', () => {
    expect(didYouMean('ab', ['ax', 'ay'])).toBe('ax');
    expect(didYouMean('abc', ['abd', 'xbc'])).toBe('abd');
  });
});
