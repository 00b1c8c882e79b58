import { describe, expect, it } from 'vitest';
import { camelCase, resolvePath } from '../../../engine/scenario/resolve.js';

describe('camelCase', () => {
  it('maps snake_case keys to camelCase', () => {
    expect(camelCase('loss_k_bps')).toBe('lossKBps');
    expect(camelCase('max_dd_30d')).toBe('maxDd30d');
    expect(camelCase('seed')).toBe('seed');
  });
});

describe('resolvePath', () => {
  it('resolves a relative path against the base folder and keeps a portable relative form', () => {
    expect(resolvePath('../data/./f.arrow', '/r/scenarios')).toEqual({ rel: '../data/f.arrow', abs: '/r/data/f.arrow' });
  });

  it('turns an absolute path into one relative to the base folder', () => {
    expect(resolvePath('/r/data/f.arrow', '/r/scenarios')).toEqual({ rel: '../data/f.arrow', abs: '/r/data/f.arrow' });
  });
});
