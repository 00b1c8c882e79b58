import { describe, expect, it } from 'vitest';
import type { ObjectSpec } from '../../../engine/scenario/param-spec.js';
import { parseScenario, type Scenario } from '../../../engine/scenario/parse.js';
import { inputErrorMessage } from '../../helpers/input-error.js';

const ALLOCATORS: Readonly<Record<string, ObjectSpec>> = {
  'risk-penalized': {
    max_weight: { kind: 'number', doc: 'Largest agent weight, fraction', default: 0.25, min: 0, max: 1, minExclusive: true },
    lookback: { kind: 'duration', doc: 'Window', default: '7d' },
  },
  'pnl-weighted': {},
};
const OPTS = { allocators: ALLOCATORS, cwd: '/work/repo' };
const FILE = 'scenarios/q.yaml';

/** Lines of a valid scenario; tests replace single lines to place a violation on a known line. */
const BASE: readonly string[] = [
  'name: quickstart', //                                   1
  'data:', //                                              2
  '  findings: ../datasets/data/real-stocks/findings.arrow', // 3
  '  prices: ../datasets/data/real-stocks/prices.arrow', //   4
  'time:', //                                              5
  '  start: 2000-01-01', //                                6
  '  end: 2010-03-01', //                                  7
  'clock:', //                                             8
  '  cadence: 1d', //                                      9
  'decay:', //                                             10
  '  floor: 0.5', //                                       11
  '  ceil: 1.1', //                                        12
  'allocator:', //                                         13
  '  variant: risk-penalized', //                          14
  '  params: { max_weight: 0.3 }', //                      15
];

function yamlWith(changes: Readonly<Record<number, string>>, extra: readonly string[] = []): string {
  return [...BASE.map((line, i) => changes[i + 1] ?? line), ...extra].join('\n') + '\n';
}

function errorLines(text: string): string[] {
  return inputErrorMessage(() => parseScenario(text, FILE, OPTS)).split('\n');
}

describe('parseScenario', () => {
  it('fills every default and resolves paths, durations and dates', () => {
    const s: Scenario = parseScenario(yamlWith({}), FILE, OPTS);
    expect(s.name).toBe('quickstart');
    expect(s.seed).toBe(0);
    expect(s.data.findings).toEqual({ rel: '../datasets/data/real-stocks/findings.arrow', abs: '/work/repo/datasets/data/real-stocks/findings.arrow', key: 'data.findings', line: 3 }); // /work/repo/scenarios/..
    expect(s.data.agents).toBeUndefined();
    expect(s.time).toEqual({ startMs: 946_684_800_000, endMs: 1_267_401_600_000 }); // Python datetime, see dates.json
    expect(s.clock).toEqual({ cadenceMs: 86_400_000 });
    expect(s.reconcile).toEqual({ horizonHours: 24, expectedModel: 'score-linear', expectedBpsPerScore: 10, errorAbsBps: 200 });
    expect(s.stats).toEqual({ windowDays: 30, pnlWindowDays: 7, lookbackOutcomes: 250 });
    expect(s.allocator).toEqual({ variant: 'risk-penalized', mode: 'default', params: { max_weight: 0.3, lookback: 604_800_000 } });
    expect(s.targets).toEqual({ maxAgentWeight: 0.25, maxSymbolWeight: 0.2, cashBuffer: 0.1, allowShort: false });
    expect(s.decay).toEqual({
      enabled: true, halfLifeSignals: 80, lossKBps: 50, floor: 0.5, ceil: 1.1, penaltyCap: 0.08, lossAmplifier: 1.3,
      stabilityBoost: 0.02, stabilityGoodErrBps: 30, stabilityMinGood: 10, limitRows: 8000,
    });
    expect(s.cvar).toEqual({ windowDays: 30, level: 0.95, minN: 20, maxOutcomes: 5000 });
    expect(s.promotion).toEqual({ enabled: true, minPnlSumBps: 150, minHitRate: 0.55, maxErrorRate: 0, maxAvgAbsErrorBps: 60, minAvgPnlErrorBps: -20 });
    expect(s.kill).toEqual({ enabled: true, killErrorRate: 0.15, retirePnlSumBps: -200, retireMinOutcomes: 20, retireDrawdownBps: -500, classKill: true, classMinOutcomes: 100 });
    expect(s.governor).toEqual({ reallocationThreshold: 0.1, regimeDefault: 1, guardian: { enabled: true, pauseDrawdown: 0.2, resumeDrawdown: 0.1 } });
    expect(s.costs).toEqual({ bpsPerTurnover: 5, slippageBps: 2 });
    expect(s.portfolio).toEqual({ initialCapital: 1_000_000 });
    expect(s.output).toEqual({ dir: { rel: 'results/quickstart', abs: '/work/repo/results/quickstart' } });
  });

  it('keeps only relative paths in settings and leaves out output', () => {
    const s = parseScenario(yamlWith({ 3: '  findings: /data/f.arrow' }, ['output:', '  dir: out/q']), FILE, OPTS);
    expect(s.output.dir).toEqual({ rel: 'out/q', abs: '/work/repo/out/q', key: 'output.dir', line: 17 });
    expect(s.data.findings.abs).toBe('/data/f.arrow');
    expect(s.settings['data']).toEqual({ findings: '../../../data/f.arrow', prices: '../datasets/data/real-stocks/prices.arrow' });
    expect(s.settings['output']).toBeUndefined();
    expect(JSON.stringify(s.settings)).not.toContain('/work/');
    expect((s.settings['clock'] as Record<string, unknown>)['cadence']).toBe(86_400_000);
  });

  it('resolves data paths against an absolute scenario file\'s folder', () => {
    const s = parseScenario(yamlWith({ 3: '  findings: data/f.arrow' }), '/elsewhere/s/q.yaml', OPTS);
    expect(s.data.findings).toEqual({ rel: 'data/f.arrow', abs: '/elsewhere/s/data/f.arrow', key: 'data.findings', line: 3 });
  });

  it('reports a number out of range in allocator params with its line', () => {
    expect(errorLines(yamlWith({ 15: '  params: { max_weight: 1.5 }' }))).toEqual([
      'scenarios/q.yaml:15: allocator.params.max_weight: expected a number in (0, 1], found 1.5',
    ]);
  });

  it('reports a wrong type, a bad choice and an integer range', () => {
    expect(errorLines(yamlWith({}, ['seed: -1', 'targets:', '  allow_short: "no"', 'reconcile:', '  expected_model: linear', '  horizon_hours: abc']))).toEqual([
      'scenarios/q.yaml:16: seed: expected an integer >= 0, found -1',
      "scenarios/q.yaml:18: targets.allow_short: expected false (the book is long-only in this version), found 'no'",
      "scenarios/q.yaml:20: reconcile.expected_model: expected one of 'score-linear', 'ridge', 'column', found 'linear'",
      "scenarios/q.yaml:21: reconcile.horizon_hours: expected a number > 0, found 'abc'",
    ]);
  });

  it('reports an unknown key with a did-you-mean', () => {
    expect(errorLines(yamlWith({ 11: '  half_life_hour: 24' }))).toEqual([
      "scenarios/q.yaml:11: unknown key 'half_life_hour'. Did you mean 'half_life_signals'?",
    ]);
  });

  it('lists the allowed keys when no key is close', () => {
    expect(errorLines(yamlWith({}, ['costs:', '  zzz: 1']))).toEqual([
      "scenarios/q.yaml:17: unknown key 'zzz'. Allowed keys under 'costs': bps_per_turnover, slippage_bps, half_spread_bps, impact_k, min_trade_notional, min_trade_fraction, no_trade_band, spread_column, impact_window, symbols",
    ]);
  });

  it('reports missing required keys at the line of their section', () => {
    expect(errorLines(yamlWith({ 1: 'description: no name', 9: '  cadnce: 1d' }))).toEqual([
      "scenarios/q.yaml: name: expected a string made of a-z, 0-9, '.', '_' and '-', other than '.' and '..' (a folder name), found nothing (the key is missing)",
      "scenarios/q.yaml:8: clock.cadence: expected a duration such as '90s', '5m', '1h' or '1d' (a whole number > 0 and a unit s, m, h or d), found nothing (the key is missing)",
      "scenarios/q.yaml:9: unknown key 'cadnce'. Did you mean 'cadence'?",
    ]);
  });

  it('reports an empty required value at its own line', () => {
    expect(errorLines(yamlWith({ 4: '  prices:' }))).toEqual([
      'scenarios/q.yaml:4: data.prices: expected a file path, found nothing (an empty value)',
    ]);
  });

  it('reports bad durations and dates', () => {
    expect(errorLines(yamlWith({ 6: '  start: 2000-02-30', 9: '  cadence: 1 day' }))).toEqual([
      "scenarios/q.yaml:6: time.start: expected a date such as '2020-01-01' or '2020-01-01T09:30:00Z' (ISO 8601 with Z or an offset), found '2000-02-30'",
      "scenarios/q.yaml:9: clock.cadence: expected a duration such as '90s', '5m', '1h' or '1d' (a whole number > 0 and a unit s, m, h or d), found '1 day'",
    ]);
  });

  it('reports ceil below floor, start not before end and resume above pause', () => {
    const extra = ['governor:', '  guardian:', '    pause_drawdown: 0.1', '    resume_drawdown: 0.15'];
    expect(errorLines(yamlWith({ 6: '  start: 2010-03-01', 7: '  end: 2000-01-01', 12: '  ceil: 0.4' }, extra))).toEqual([
      "scenarios/q.yaml:7: time.end: expected a date after time.start ('2010-03-01'), found '2000-01-01'",
      'scenarios/q.yaml:12: decay.ceil: expected a number >= decay.floor (0.5), found 0.4',
      'scenarios/q.yaml:19: governor.guardian.resume_drawdown: expected a number in [0, governor.guardian.pause_drawdown) = [0, 0.1), found 0.15',
    ]);
  });

  it('refuses kill.retire_min_outcomes above stats.lookback_outcomes, where no agent could ever be killed, retired or promoted (n_outcomes counts the last lookback_outcomes outcomes)', () => {
    const why = "an agent's n_outcomes counts its last stats.lookback_outcomes outcomes, so no agent would ever be killed, retired or promoted";
    expect(errorLines(yamlWith({}, ['stats:', '  lookback_outcomes: 72', 'kill:', '  retire_min_outcomes: 73']))).toEqual([
      `scenarios/q.yaml:19: kill.retire_min_outcomes: expected an integer <= stats.lookback_outcomes (72): ${why}, found 73`,
    ]);
    // the default retire_min_outcomes (20) against a lookback the file writes: reported at the lookback's line
    expect(errorLines(yamlWith({}, ['stats:', '  lookback_outcomes: 10']))).toEqual([`scenarios/q.yaml:17: kill.retire_min_outcomes: expected an integer <= stats.lookback_outcomes (10): ${why}, found 20`]);
    expect(parseScenario(yamlWith({}, ['stats:', '  lookback_outcomes: 72', 'kill:', '  retire_min_outcomes: 72']), FILE, OPTS).kill.retireMinOutcomes).toBe(72);
    // with both kill and promotion off nothing reads it
    expect(parseScenario(yamlWith({}, ['stats:', '  lookback_outcomes: 10', 'promotion:', '  enabled: false', 'kill:', '  enabled: false']), FILE, OPTS).stats.lookbackOutcomes).toBe(10);
  });

  it('refuses decay.penalty_cap x decay.loss_amplifier above 1, where a loss could push a factor below 0 and two losses raise the multiplier', () => {
    expect(errorLines(yamlWith({ 12: '  ceil: 1.1\n  penalty_cap: 0.95\n  loss_amplifier: 2' }))).toEqual([
      "scenarios/q.yaml:13: decay.penalty_cap: expected decay.penalty_cap x decay.loss_amplifier at most 1 (a larger product lets one loss's factor 1 - penalty go below 0, and two such losses multiply back to a positive multiplier: more losses, more confidence), found 0.95 x 2 = 1.9",
    ]);
    expect(parseScenario(yamlWith({ 12: '  ceil: 1.1\n  penalty_cap: 0.5\n  loss_amplifier: 2' }), FILE, OPTS).decay.lossAmplifier).toBe(2);
  });

  it('refuses cvar.min_n above cvar.max_outcomes, where no class could ever have a CVaR', () => {
    expect(errorLines(yamlWith({}, ['cvar:', '  min_n: 21', '  max_outcomes: 20']))).toEqual([
      'scenarios/q.yaml:17: cvar.min_n: expected an integer <= cvar.max_outcomes (20): a class CVaR reads at most cvar.max_outcomes outcomes, so no class would ever have one, found 21',
    ]);
    expect(parseScenario(yamlWith({}, ['cvar:', '  min_n: 20', '  max_outcomes: 20']), FILE, OPTS).cvar.minN).toBe(20);
  });

  it('refuses decay.stability_min_good above the rows the decay reads: limit_rows, and in default mode stats.lookback_outcomes per agent', () => {
    const why = 'the decay counts good outcomes among the rows it reads, so no agent would ever get the stability boost';
    expect(errorLines(yamlWith({ 12: '  ceil: 1.1\n  limit_rows: 5\n  stability_min_good: 6' }))).toEqual([
      `scenarios/q.yaml:14: decay.stability_min_good: expected an integer <= decay.limit_rows (5): ${why}, found 6`,
    ]);
    expect(errorLines(yamlWith({ 12: '  ceil: 1.1\n  stability_min_good: 30' }, ['stats:', '  lookback_outcomes: 25']))).toEqual([
      `scenarios/q.yaml:13: decay.stability_min_good: expected an integer <= stats.lookback_outcomes (25): ${why} (allocator.mode default reads at most stats.lookback_outcomes rows per agent), found 30`,
    ]);
    // seed mode reads limit_rows rows of the whole log, whatever the lookback
    const seed = yamlWith({ 12: '  ceil: 1.1\n  stability_min_good: 30', 14: '  variant: risk-penalized\n  mode: seed' }, ['stats:', '  lookback_outcomes: 25', 'kill:', '  retire_min_outcomes: 10']);
    expect(parseScenario(seed, FILE, OPTS).decay.stabilityMinGood).toBe(30);
  });

  it('refuses fixed costs summing past 10000 bps, where a sale would take cash instead of raising it, in the section and in a symbol override', () => {
    const extra = ['costs:', '  bps_per_turnover: 9000', '  slippage_bps: 500', '  symbols:', '    AAA:', '      half_spread_bps: 600', '    BBB:', '      impact_k: 0.1'];
    expect(errorLines(yamlWith({}, extra))).toEqual([
      "scenarios/q.yaml:20: costs.symbols.AAA: expected bps_per_turnover + slippage_bps + half_spread_bps at most 10000 bps (a fill costing more than it trades), found bps_per_turnover 9000 + slippage_bps 500 + half_spread_bps 600 = 10100 bps",
    ]);
    const over = ['costs:', '  bps_per_turnover: 9000', '  slippage_bps: 1001'];
    expect(errorLines(yamlWith({}, over))).toEqual([
      'scenarios/q.yaml:16: costs: expected bps_per_turnover + slippage_bps + half_spread_bps at most 10000 bps (a fill costing more than it trades), found bps_per_turnover 9000 + slippage_bps 1001 + half_spread_bps 0 = 10001 bps',
    ]);
    expect(parseScenario(yamlWith({}, ['costs:', '  bps_per_turnover: 9998', '  slippage_bps: 2']), FILE, OPTS).costs.bpsPerTurnover).toBe(9998);
  });

  it('names the known variants for an unknown allocator and skips its params', () => {
    expect(errorLines(yamlWith({ 14: '  variant: risk-penalised' }))).toEqual([
      "scenarios/q.yaml:14: allocator.variant: expected one of 'pnl-weighted', 'risk-penalized', found 'risk-penalised'. Did you mean 'risk-penalized'?",
    ]);
  });

  it('checks allocator params with the plug-in spec', () => {
    expect(errorLines(yamlWith({ 15: '  params: { max_weigth: 0.3, lookback: 7 }' }))).toEqual([
      "scenarios/q.yaml:15: unknown key 'max_weigth'. Did you mean 'max_weight'?",
      "scenarios/q.yaml:15: allocator.params.lookback: expected a duration such as '90s', '5m', '1h' or '1d' (a whole number > 0 and a unit s, m, h or d), found 7",
    ]);
  });

  it('reports the first 20 violations, then a count', () => {
    const extra = ['costs:', ...Array.from({ length: 25 }, (_, i) => `  extra_${String(i).padStart(2, '0')}: 1`)];
    const lines = errorLines(yamlWith({}, extra));
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe("scenarios/q.yaml:17: unknown key 'extra_00'. Allowed keys under 'costs': bps_per_turnover, slippage_bps, half_spread_bps, impact_k, min_trade_notional, min_trade_fraction, no_trade_band, spread_column, impact_window, symbols");
    expect(lines[20]).toBe('... and 5 more');
  });

  it('reports malformed YAML with its line', () => {
    expect(errorLines(yamlWith({ 12: '  ceil 1.1' }))).toEqual([
      'scenarios/q.yaml:12: malformed YAML: Implicit map keys need to be followed by map values',
    ]);
    expect(errorLines(yamlWith({ 9: '\tcadence: 1d' }))).toEqual(['scenarios/q.yaml:9: malformed YAML: a tab indents this line: YAML indents with spaces only']);
    const dup = errorLines(yamlWith({ 12: '  floor: 0.6' }));
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatch(/^scenarios\/q\.yaml:12: malformed YAML: the key 'floor' appears twice in one mapping \(first at line \d+\)$/);
  });

  it('says a second document (a --- line) is not read, in words rather than the parser\'s advice to call one of its functions', () => {
    const lines = errorLines(yamlWith({}, ['---', 'seed: 3']));
    expect(lines).toEqual([`scenarios/q.yaml:${BASE.length + 1}: malformed YAML: a second YAML document starts here ('---'): a scenario or sweep file holds one document; remove this line and what follows it, or merge them into the first`]);
  });

  it('says how to fix a key indented one space off, in words rather than the parser\'s', () => {
    // one space deeper than its sibling: YAML reads 'ceil: 1.1' as part of floor's value, reported at floor's line
    expect(errorLines(yamlWith({ 12: '   ceil: 1.1' }))).toEqual([
      "scenarios/q.yaml:11: malformed YAML: the line after this one is indented deeper than this key, so YAML reads it as part of this key's value: indent it as this key (or, to nest it under this key, leave this key's value empty)",
    ]);
    // one space shallower: a key of no mapping, reported at its own line
    expect(errorLines(yamlWith({ 12: ' ceil: 1.1' }))).toEqual([
      'scenarios/q.yaml:12: malformed YAML: this key is not at the column of the keys above it in the same mapping: indent it as they are',
    ]);
  });

  it('says how to write a section given a value: under the key whose choices hold it, else its keys indented below', () => {
    expect(errorLines(yamlWith({ 13: 'allocator: risk-penalized', 14: 'x: 1', 15: 'y: 2' })).filter((l) => l.includes(':13:'))).toEqual([
      "scenarios/q.yaml:13: allocator: expected a mapping, found 'risk-penalized'. Write it under its key: 'allocator:' then, on the next line, indented, 'variant: risk-penalized'",
    ]);
    expect(errorLines(yamlWith({ 10: 'decay: 0.5', 11: '', 12: '' }))).toEqual([
      "scenarios/q.yaml:10: decay: expected a mapping, found 0.5. A section: write its keys on the lines below 'decay:', indented (enabled, half_life_signals, loss_k_bps, floor, ceil, penalty_cap, loss_amplifier, stability_boost, stability_good_err_bps, stability_min_good, limit_rows)",
    ]);
  });

  it('refuses a tag that would not give plain data, naming its line, instead of reading an empty section', () => {
    // !!omap became a Map and !!set a Set, whose keys Object.keys never sees: the section silently took its defaults
    expect(errorLines(yamlWith({ 10: 'decay: !!omap', 11: '  - floor: 0.6', 12: '  - ceil: 1.2' }))).toEqual([
      "scenarios/q.yaml:10: malformed YAML: the tag '!!omap' is not supported; bt reads plain values (mappings, lists, text, numbers, true/false, null): remove the tag",
    ]);
    expect(errorLines(yamlWith({ 10: 'decay: !!set', 11: '  ? floor', 12: '  ? ceil' }))[0]).toMatch(/^scenarios\/q\.yaml:10: malformed YAML: the tag '!!set' is not supported/);
    expect(errorLines(yamlWith({ 6: '  start: !!timestamp 2000-01-01', 11: '  floor: !!binary aGk=', 15: '  params: !custom { max_weight: 0.3 }' }))).toEqual([
      "scenarios/q.yaml:6: malformed YAML: the tag '!!timestamp' is not supported; bt reads plain values (mappings, lists, text, numbers, true/false, null): remove the tag",
      "scenarios/q.yaml:11: malformed YAML: the tag '!!binary' is not supported; bt reads plain values (mappings, lists, text, numbers, true/false, null): remove the tag",
      "scenarios/q.yaml:15: malformed YAML: the tag '!custom' is not supported; bt reads plain values (mappings, lists, text, numbers, true/false, null): remove the tag",
    ]);
    expect(errorLines(yamlWith({ 11: '  floor: !!float 1' }))).toEqual(["scenarios/q.yaml:11: malformed YAML: the tag '!!float' does not fit its value: remove the tag"]);
    expect(errorLines(yamlWith({}, ['? [a, b]', ': 1']))).toEqual(['scenarios/q.yaml:16: malformed YAML: a mapping key must be a name, found a list or mapping']);
  });

  it('refuses a clock.offset at or past the cadence (the grid repeats every cadence), naming its line', () => {
    expect(errorLines(yamlWith({ 9: '  cadence: 1d\n  offset: 24h' }))).toEqual(["scenarios/q.yaml:10: clock.offset: expected a duration below clock.cadence ('1d'): the grid repeats every cadence, found '24h'"]);
    expect(parseScenario(yamlWith({ 9: '  cadence: 7d\n  offset: 4d' }), FILE, OPTS).clock).toEqual({ cadenceMs: 7 * 86_400_000, offsetMs: 4 * 86_400_000 });
    expect(parseScenario(yamlWith({}), FILE, OPTS).clock).toEqual({ cadenceMs: 86_400_000 });
  });

  it('names deep nesting as the cause when a document overflows the parser, not V8 "Maximum call stack size exceeded"', () => {
    const lines = errorLines(yamlWith({}, [`x: ${'['.repeat(20000)}${']'.repeat(20000)}`]));
    expect(lines).toEqual(['scenarios/q.yaml:16: malformed YAML: the document nests lists or mappings too deeply to read (a scenario needs a few levels; this one nests thousands)']);
  });

  it('refuses a YAML 1.1 timestamp, which would be a Date rather than the date text', () => {
    expect(errorLines(`%YAML 1.1\n---\n${yamlWith({})}`)).toEqual(["scenarios/q.yaml:8: malformed YAML: '2000-01-01' is read as a YAML 1.1 timestamp, not as text; quote it", "scenarios/q.yaml:9: malformed YAML: '2010-03-01' is read as a YAML 1.1 timestamp, not as text; quote it"]);
  });

  it('keeps the core tags: !!str text is text, !!float a number', () => {
    expect(parseScenario(yamlWith({ 1: 'name: !!str quickstart', 11: '  floor: !!float 0.5' }), FILE, OPTS).decay.floor).toBe(0.5);
  });

  it('rejects a document that is not a mapping', () => {
    expect(errorLines('- a\n- b\n')).toEqual([
      'scenarios/q.yaml: expected a mapping of scenario sections (name, description, seed, data, benchmark, metrics, time, clock, reconcile, stats, allocator, targets, decay, cvar, promotion, kill, governor, costs, portfolio, output), found a list',
    ]);
  });
});
