import { describe, expect, it } from 'vitest';
import { checkRunWindow, MAX_RUN_TICKS } from '../../../engine/run/check-run-window.js';
import type { Scenario } from '../../../engine/scenario/scenario.js';
import { inputErrorMessage } from '../../helpers/input-error.js';

const DAY = 86_400_000;
const SC = { file: 's.yaml', time: {}, data: { prices: { rel: 'p.arrow', abs: '/p.arrow' }, findings: { rel: 'f.arrow', abs: '/f.arrow' } } } as unknown as Scenario;
const T2000 = Date.UTC(2000, 0, 1);

describe('checkRunWindow', () => {
  it('passes a window of exactly the most ticks, and an empty or unbounded one (left to the empty-file checks)', () => {
    expect(() => checkRunWindow(SC, 0, (MAX_RUN_TICKS - 1) * 1000, 1000)).not.toThrow();
    expect(() => checkRunWindow(SC, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, DAY)).not.toThrow();
    expect(() => checkRunWindow(SC, T2000, T2000 - DAY, DAY)).not.toThrow();
  });

  it('refuses one tick more, naming the cadence, the count and the window', () => {
    expect(inputErrorMessage(() => checkRunWindow(SC, 0, MAX_RUN_TICKS * 1000, 1000))).toBe(
      "s.yaml: clock.cadence: expected at most 10,000,000 ticks in the run's window, found 10,000,001 ticks of 1 s from 1970-01-01T00:00:00.000Z (the first price or finding) to 1970-04-26T17:46:40.000Z (the last price). Set a longer clock.cadence, or time.start and time.end around the data you mean to replay",
    );
  });

  it('refuses a start or end no Date holds, as times in microseconds or nanoseconds under a millisecond type give', () => {
    expect(inputErrorMessage(() => checkRunWindow(SC, T2000, T2000 * 1e6, DAY))).toMatch(/^s\.yaml: time\.end: expected a time between years -271821 and 275760 \(±8\.64e15 ms\), found 946684800000000000 ms since 1970 \(the last price\)\. Were the data's times written in microseconds or nanoseconds/);
    expect(inputErrorMessage(() => checkRunWindow(SC, -9e15, T2000, DAY))).toMatch(/^s\.yaml: time\.start: expected a time between/);
  });
});
