import { BtInputError, ViolationCollector } from '../../engine/core/errors.js';
import { parseDateMs } from '../../engine/scenario/date.js';
import { tooManyFindings } from './findings-bound.js';
import { DEFAULT_GENERATE_OPTIONS, type GenerateOptions } from './generate-universe.js';

/** The `bt data generate` flags as commander hands them over (strings; undefined when absent). */
export interface RawGenerateFlags {
  readonly seed?: string;
  readonly agents?: string;
  readonly symbols?: string;
  readonly start?: string;
  readonly end?: string;
  readonly freq?: string;
  readonly findingsPerAgentPerBar?: string;
  readonly horizonHours?: string;
  readonly highSkillIc?: string;
  readonly breakFraction?: string;
}

/** Default sample of `bt data generate`: 2022-01-01 through 2023-12-31 (UTC). */
export const DEFAULT_START = '2022-01-01';
export const DEFAULT_END = '2023-12-31';
/** Largest simulated bars x symbols (8 bytes each, held in memory a few times). */
export const MAX_PRICE_CELLS = 100_000_000;

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

/** Returns a frequency like 15m, 1h, 4h, 1d, 1w in ms, or null when it has another form. */
export function parseFreqMs(text: string): number | null {
  const m = /^(\d+)([mhdw])$/.exec(text);
  if (m === null) return null;
  const n = Number(m[1]);
  const unit = UNIT_MS[m[2] ?? ''];
  return n > 0 && unit !== undefined ? n * unit : null;
}

/**
 * Returns a date (YYYY-MM-DD, 00:00 UTC) or UTC time (YYYY-MM-DDTHH:MM[:SS]Z) as epoch ms;
 * `endOfDay` moves a bare date to the next midnight (an inclusive end day). Null when malformed.
 */
export function parseUtcMs(text: string, endOfDay: boolean): number | null {
  if (DATE_RE.test(text)) {
    const ms = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return null;
    return endOfDay ? ms + 86_400_000 : ms;
  }
  if (TIME_RE.test(text)) {
    // parseDateMs, not Date.parse, which rolls 2024-02-30T00:00Z over to 1 March and T24:00 to the next day
    const ms = parseDateMs(text);
    if (ms === undefined) return null;
    return endOfDay ? ms + 1 : ms;
  }
  return null;
}

function numberFlag(v: ViolationCollector, name: string, raw: string | undefined, dflt: number, ok: (n: number) => boolean, expected: string): number {
  if (raw === undefined) return dflt;
  const n = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(n) || !ok(n)) {
    v.add({ field: name, expected, found: JSON.stringify(raw) });
    return dflt;
  }
  return n;
}

/**
 * Returns GenerateOptions from the raw flags, or throws BtInputError listing every bad flag.
 * `pricesGiven` skips the simulation-only checks (symbols, start, end, freq).
 */
export function parseGenerateOptions(raw: RawGenerateFlags, pricesGiven: boolean): GenerateOptions {
  const d = DEFAULT_GENERATE_OPTIONS;
  const v = new ViolationCollector();
  const isInt = (n: number): boolean => Number.isInteger(n);
  if (raw.seed === undefined) v.add({ field: '--seed', expected: 'an integer >= 0', found: 'nothing', hint: 'Pass --seed N.' });
  const seed = numberFlag(v, '--seed', raw.seed, 0, (n) => isInt(n) && n >= 0 && n <= Number.MAX_SAFE_INTEGER, 'an integer >= 0');
  const minAgents = d.classes.length;
  const agents = numberFlag(v, '--agents', raw.agents, d.agents, (n) => isInt(n) && n >= minAgents && n <= 100_000,
    `an integer in [${minAgents}, 100000] (at least one agent per strategy class: ${d.classes.join(', ')})`);
  const symbols = numberFlag(v, '--symbols', raw.symbols, d.symbols, (n) => isInt(n) && n >= 1 && n <= 1_000_000, 'an integer in [1, 1000000]');
  const rate = numberFlag(v, '--findings-per-agent-per-bar', raw.findingsPerAgentPerBar, d.findingsPerAgentPerBar,
    (n) => n > 0 && n <= 100, 'a number in (0, 100]');
  const horizonHours = numberFlag(v, '--horizon-hours', raw.horizonHours, d.horizonHours, (n) => n > 0 && n <= 24 * 366 * 10, 'a number of hours in (0, 87840]');
  const highSkillIc = numberFlag(v, '--high-skill-ic', raw.highSkillIc, d.highSkillIc, (n) => n > 0 && n < 1, 'a number in (0, 1)');
  const breakFraction = numberFlag(v, '--break-fraction', raw.breakFraction, d.breakFraction, (n) => n > 0 && n < 1, 'a number in (0, 1)');
  const freqText = raw.freq ?? '1h';
  const freqMs = parseFreqMs(freqText) ?? Number.NaN;
  const startText = raw.start ?? DEFAULT_START;
  const endText = raw.end ?? DEFAULT_END;
  const startMs = parseUtcMs(startText, false) ?? Number.NaN;
  const endMs = parseUtcMs(endText, true) ?? Number.NaN;
  if (!pricesGiven) {
    const timeForm = 'a UTC date YYYY-MM-DD or time YYYY-MM-DDTHH:MM:SSZ';
    if (Number.isNaN(freqMs)) v.add({ field: '--freq', expected: 'a count and a unit m, h, d or w (e.g. 15m, 1h, 1d)', found: JSON.stringify(freqText) });
    if (Number.isNaN(startMs)) v.add({ field: '--start', expected: timeForm, found: JSON.stringify(startText) });
    if (Number.isNaN(endMs)) v.add({ field: '--end', expected: timeForm, found: JSON.stringify(endText) });
    if (!Number.isNaN(startMs) && !Number.isNaN(endMs) && endMs <= startMs) {
      v.add({ field: '--end', expected: `a time after --start (${startText})`, found: JSON.stringify(endText) });
    }
    if (!Number.isNaN(freqMs) && horizonHours * 3_600_000 < freqMs) {
      v.add({ field: '--horizon-hours', expected: `at least one bar (--freq ${freqText})`, found: JSON.stringify(raw.horizonHours ?? String(horizonHours)) });
    }
    const bars = Math.ceil((endMs - startMs) / freqMs);
    if (Number.isFinite(bars) && bars * symbols > MAX_PRICE_CELLS) {
      v.add({ field: '--symbols', expected: `bars x symbols <= ${MAX_PRICE_CELLS}`, found: `${bars} bars x ${symbols} symbols`, hint: 'Shorten the span, coarsen --freq or use fewer symbols.' });
    }
    const findings = Number.isFinite(bars) ? tooManyFindings(agents, bars, rate) : null;
    if (findings !== null) v.add(findings);
  }
  v.throwIfAny();
  return {
    ...d, seed, agents, symbols, startMs, endMs, freqMs, findingsPerAgentPerBar: rate, horizonHours, highSkillIc, breakFraction,
  };
}

/** Throws the error for a missing --out. */
export function missingOutError(): BtInputError {
  return new BtInputError({ field: '--out', expected: 'an output folder', found: 'nothing', hint: 'Pass --out DIR.' });
}
