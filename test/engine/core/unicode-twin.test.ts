import { describe, expect, it } from 'vitest';
import { codePoints, unicodeTwinFinder } from '../../../engine/core/unicode-twin.js';

const NFC = '\u00e9';
const NFD = 'e\u0301';

describe('unicodeTwinFinder', () => {
  it('finds the name that is the same text in another normalization, and nothing for an equal or another name', () => {
    const twin = unicodeTwinFinder(['AAPL', NFC]);
    expect(twin(NFD)).toBe(NFC);
    expect(twin(NFC)).toBeUndefined();
    expect(twin('E')).toBeUndefined();
    expect(codePoints(NFD)).toBe('U+0065 U+0301');
    expect(codePoints('😀')).toBe('U+1F600');
  });
});
