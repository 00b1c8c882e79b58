import { BtInputError } from '../core/errors.js';
import { groupThousands } from '../core/group-thousands.js';
import { isoFromMs } from '../core/time.js';
import { tickCount } from '../clock/schedule.js';
import type { Scenario } from '../scenario/scenario.js';

/**
 * The most supervisor ticks a run may have. The kernel lays out every tick time up front and the
 * fill-lag count keeps a slot per tick while the prices run ahead of the findings (about 480 bytes
 * a tick over the quickstart's monthly closes): a 1-second cadence over ten years (316M ticks)
 * ran out of memory after two minutes. A 1-minute cadence over ten years (5.3M) still runs.
 */
export const MAX_RUN_TICKS = 10_000_000;

/** The times a JavaScript Date holds (±8.64e15 ms, years -271821 .. 275760): bt writes every time as ISO 8601. */
const MAX_ABS_TIME_MS = 8.64e15;

/** Returns `ms` as ISO 8601 when a Date holds it, else as epoch ms. */
function timeText(ms: number): string {
  return Math.abs(ms) <= MAX_ABS_TIME_MS ? isoFromMs(ms) : `${ms} ms since 1970`;
}

/** Whether `ms` lies outside the years 0001-9999 (ISO 8601's four digits), where real data ends and unit mistakes begin. */
function outsideYears(ms: number): boolean {
  return ms < -62_135_596_800_000 || ms > 253_402_300_799_999;
}

function unitQuestion(scenario: Scenario): string {
  return `Were the data's times written in microseconds or nanoseconds under a millisecond timestamp type? Prices: ${scenario.data.prices.rel}, findings: ${scenario.data.findings.rel}`;
}

/**
 * Throws when the run's window cannot be run in bounded memory: a start or end no Date holds
 * (times in microseconds or nanoseconds under a millisecond type land there), or more than
 * MAX_RUN_TICKS ticks of clock.cadence between them. A window that is not finite (no rows) is
 * left to the checks that name the empty file.
 */
export function checkRunWindow(scenario: Scenario, startMs: number, endMs: number, cadenceMs: number, offsetMs = 0): void {
  if (!Number.isFinite(startMs) || !Number.isFinite(endMs)) return;
  const fromData = (which: 'start' | 'end'): string => (which === 'start' ? (scenario.time.startMs === undefined ? ' (the first price or finding)' : '') : scenario.time.endMs === undefined ? ' (the last price)' : '');
  for (const [which, ms] of [['start', startMs], ['end', endMs]] as const) {
    if (Math.abs(ms) > MAX_ABS_TIME_MS) {
      throw new BtInputError({
        file: scenario.file,
        field: `time.${which}`,
        expected: 'a time between years -271821 and 275760 (±8.64e15 ms)',
        found: `${ms} ms since 1970${fromData(which)}`,
        hint: unitQuestion(scenario),
      });
    }
  }
  const ticks = tickCount(startMs, endMs, cadenceMs, offsetMs);
  if (ticks > MAX_RUN_TICKS) {
    throw new BtInputError({
      file: scenario.file,
      field: 'clock.cadence',
      expected: `at most ${groupThousands(MAX_RUN_TICKS)} ticks in the run's window`,
      found: `${groupThousands(ticks)} ticks of ${cadenceMs / 1000} s from ${timeText(startMs)}${fromData('start')} to ${timeText(endMs)}${fromData('end')}`,
      hint: `Set a longer clock.cadence, or time.start and time.end around the data you mean to replay${outsideYears(startMs) || outsideYears(endMs) ? `. ${unitQuestion(scenario)}` : ''}`,
    });
  }
}
