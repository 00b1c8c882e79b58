import { describe, expect, it } from 'vitest';
import { mapOption, suggestColumn } from '../../../datasets/import/suggest-column.js';

describe('suggestColumn', () => {
  it('suggests a typo by edit distance, as before', () => {
    expect(suggestColumn('close', ['price'], ['clsoe', 'Volume'])).toBe('clsoe');
  });

  it('suggests a desk export column that has the field or an alias as one of its words', () => {
    expect(suggestColumn('close', ['price'], ['Volume', 'Close Price'])).toBe('Close Price');
    expect(suggestColumn('close', ['price'], ['Last Price (USD)'])).toBe('Last Price (USD)');
  });

  it('suggests an abbreviation or a shortened name of three letters or more', () => {
    expect(suggestColumn('confidence', [], ['emitted_at', 'conf', 'sev'])).toBe('conf');
    expect(suggestColumn('severity', [], ['emitted_at', 'conf', 'sev'])).toBe('sev');
    expect(suggestColumn('horizon_hours', [], ['side', 'horizon'])).toBe('horizon');
  });

  it('suggests nothing for a column unlike the field, nor for a two-letter stub', () => {
    expect(suggestColumn('ts', ['timestamp', 'time', 'created_at'], ['emitted_at', 'volume'])).toBeUndefined();
    expect(suggestColumn('abs_error_bps', [], ['extra'])).toBeUndefined();
    expect(suggestColumn('severity', [], ['se', 'x'])).toBeUndefined();
  });
});

describe('mapOption', () => {
  it('quotes a column a shell would split or expand, so the suggestion pastes as it reads', () => {
    expect(mapOption('conf', 'confidence')).toBe('--map conf=confidence');
    expect(mapOption('Close Price', 'close')).toBe("--map 'Close Price=close'");
    expect(mapOption("Trader's $px", 'close')).toBe("--map 'Trader'\\''s $px=close'");
  });
});
