import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerDataGenerate } from '../../../engine/cli/program.js';
import { BtInputError } from '../../../engine/core/errors.js';
import { readFindingsArrow } from '../../../datasets/read/read-findings.js';

let root = '';
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bt-gen-cli-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(...args: string[]): Promise<void> {
  const program = new Command().exitOverride();
  program.configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
  registerDataGenerate(program.command('data'));
  await program.parseAsync(['node', 'bt', 'data', 'generate', ...args]);
}

async function errorOf(...args: string[]): Promise<unknown> {
  try {
    await run(...args);
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('registerDataGenerate', () => {
  it('rejects a bad option with a BtInputError and leaves nothing behind', async () => {
    const out = join(root, 'bad');
    const err = await errorOf('--seed', '1', '--out', out, '--horizon-hours', '0');
    expect(err).toBeInstanceOf(BtInputError);
    expect((err as Error).message).toBe('--horizon-hours: expected a number of hours in (0, 87840], found "0"');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses more expected findings than it can hold (agents x bars x rate) with a BtInputError naming the flags, before any work, where it ended in a RangeError (exit 3)', async () => {
    const out = join(root, 'too-many');
    // 100000 agents x 280,608 bars (15m, 2022-01-01 .. 2030-01-01 inclusive) x 100 a bar = 2.8e12 findings
    const err = await errorOf('--seed', '1', '--out', out, '--agents', '100000', '--symbols', '10', '--freq', '15m', '--end', '2030-01-01', '--findings-per-agent-per-bar', '100');
    expect(err).toBeInstanceOf(BtInputError);
    expect((err as Error).message).toBe('--findings-per-agent-per-bar: expected agents x bars x findings per agent per bar <= 200000000, found 100000 agents x 280608 bars x 100 = 2806080000000. Use fewer agents, a lower rate, a shorter span or a coarser --freq.');
    expect(existsSync(out)).toBe(false);
  });

  it('asks for --out', async () => {
    expect(((await errorOf('--seed', '1')) as Error).message).toBe('--out: expected an output folder, found nothing. Pass --out DIR.');
  });

  it('removes its temp folder when the given prices cannot be read', async () => {
    const out = join(root, 'missing');
    const err = await errorOf('--seed', '1', '--out', out, '--prices', join(root, 'nope.arrow'));
    expect(err).toBeInstanceOf(Error);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(root).filter((f) => f.startsWith('.bt-tmp'))).toEqual([]);
  });

  it('generates agents over given prices without writing prices, and records their hash', async () => {
    const out = join(root, 'real');
    await run('--seed', '4', '--out', out, '--prices', join('datasets', 'data', 'real-stocks', 'prices.arrow'), '--horizon-hours', '744', '--findings-per-agent-per-bar', '1');
    expect(readdirSync(out).sort()).toEqual(['.bt-output.json', 'agents.arrow', 'findings.arrow', 'kill_list.yaml', 'universe.json']);
    const u = JSON.parse(readFileSync(join(out, 'universe.json'), 'utf8')) as { prices_source: { file: string; sha256: string }; sample: { bars: number } };
    expect(u.prices_source.file).toBe('prices.arrow');
    expect(u.prices_source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(u.sample.bars).toBe(123);
    const f = readFindingsArrow(join(out, 'findings.arrow'));
    // GOOG has no price before 2004-08-01, so no finding names it before then
    const goog = f.symbol.dictionary.indexOf('GOOG');
    for (let i = 0; i < f.length; i++) if (f.symbol.codes[i] === goog) expect(f.tsMs[i]).toBeGreaterThanOrEqual(Date.UTC(2004, 7, 1));
  });
});
