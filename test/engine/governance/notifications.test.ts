import { describe, expect, it } from 'vitest';
import { buildNotifications, notificationsJsonl, reallocationText } from '../../../engine/governance/notifications.js';
import { fixtureInput } from './governance-fixture.js';

describe('reallocationText', () => {
  it("writes seed 002's Telegram lines, percentages to 0.1, largest first", () => {
    // The seed's own example message.
    expect(reallocationText({ SportsBettingAgent: 0.25, SmartTrader: 0.4, DropshipAgent: 0.35 })).toBe('🎯 Capital Reallocation:\nSmartTrader: 40.0%\nDropshipAgent: 35.0%\nSportsBettingAgent: 25.0%');
  });

  it('breaks equal weights by name and leaves out unfunded agents', () => {
    expect(reallocationText({ b: 0.5, a: 0.5, c: 0 })).toBe('🎯 Capital Reallocation:\na: 50.0%\nb: 50.0%');
  });
});

describe('buildNotifications', () => {
  it('sends one reallocation per tick that set targets, and one message per kill, class retirement and guardian pause, in log order', () => {
    const ns = buildNotifications(fixtureInput());
    expect(ns.map((n) => [n.ts, n.kind])).toEqual([
      ['2005-01-01T00:00:00Z', 'reallocation'],
      ['2005-01-03T00:00:00Z', 'agent_killed'],
      ['2005-01-04T00:00:00Z', 'guardian_paused'],
      ['2005-01-05T00:00:00Z', 'class_retired'],
      ['2005-01-05T00:00:00Z', 'reallocation'],
    ]);
    expect(ns[0]?.text).toBe('🎯 Capital Reallocation:\na1: 40.0%\na2: 35.0%\ns1: 25.0%');
    expect(ns[2]?.text).toBe('⏸️ Guardian paused: portfolio drawdown 22.1%');
    // s2 was killed on day 3: the class retirement takes out s1 alone
    expect(ns[3]?.text).toBe('🛑 Strategy class retired: sentiment (1 agent): max_drawdown_breach');
    expect(ns[4]?.text).toBe('🎯 Capital Reallocation:\na1: 60.0%\na2: 35.0%');
  });

  it("names the seeds' channel of each message: Telegram for reallocations only (seed 002), the pull request for decisions (seed 004), the governor's log for the guardian (seed 002)", () => {
    const ns = buildNotifications(fixtureInput());
    expect(ns.map((n) => [n.kind, n.channel])).toEqual([
      ['reallocation', 'telegram'],
      ['agent_killed', 'pull_request'],
      ['guardian_paused', 'log'],
      ['class_retired', 'pull_request'],
      ['reallocation', 'telegram'],
    ]);
  });

  it('writes one JSON object a line with sorted keys', () => {
    const line = new TextDecoder().decode(notificationsJsonl(buildNotifications(fixtureInput()))).split('\n')[1];
    expect(line).toBe('{"channel":"pull_request","kind":"agent_killed","text":"☠️ Agent killed: s2 (sentiment): error_rate 0.3 > 0.25","ts":"2005-01-03T00:00:00Z"}');
  });
});
