import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBt } from '../helpers/run-cli.js';

// The quickstart's findings (to 2000-06), prices and agents (2000), written by pyarrow uncompressed,
// LZ4- and ZSTD-compressed (test/reference/compressed_arrow_fixtures.py)
const CODECS = 'test/fixtures/arrow/codecs';
const KINDS = ['findings', 'prices', 'agents'] as const;
const tmp = mkdtempSync(join(tmpdir(), 'bt-codecs-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A folder holding `codec`'s files under the kinds' names, the kill list and the quickstart scenario over them. */
function workspace(codec: string): string {
  const dir = join(tmp, codec);
  mkdirSync(dir);
  for (const kind of KINDS) copyFileSync(`${CODECS}/${kind}-${codec}.arrow`, join(dir, `${kind}.arrow`));
  copyFileSync('datasets/data/real-stocks/kill_list.yaml', join(dir, 'kill_list.yaml'));
  writeFileSync(join(dir, 'scenario.yaml'), readFileSync('scenarios/quickstart.yaml', 'utf8').replace(/\.\.\/datasets\/data\/real-stocks\//g, './'));
  return dir;
}

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

const ws = Object.fromEntries(['uncompressed', 'lz4', 'zstd'].map((c) => [c, workspace(c)]));

describe('Arrow inputs with LZ4- or ZSTD-compressed buffers (pyarrow feather\'s default)', () => {
  it.each(['lz4', 'zstd'])('a run on %s-compressed findings, prices and agents writes the files the uncompressed run writes, byte for byte (the manifest\'s input hashes and run_info.json\'s times aside)', (codec) => {
    for (const c of ['uncompressed', codec]) {
      const r = runBt(['run', 'scenario.yaml', '--quiet', '--out', 'out'], ws[c]);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    }
    const ref = join(ws.uncompressed as string, 'out');
    const out = join(ws[codec] as string, 'out');
    const names = filesUnder(ref);
    expect(filesUnder(out)).toEqual(names);
    expect(names).toContain('events.arrow');
    for (const f of names.filter((n) => n !== 'run_info.json' && n !== 'manifest.json')) expect(readFileSync(join(out, f)).equals(readFileSync(join(ref, f))), f).toBe(true);
    const manifest = (dir: string): Record<string, unknown> => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const { inputs: refInputs, ...refRest } = manifest(ref);
    const { inputs, ...rest } = manifest(out);
    expect(rest).toEqual(refRest);
    expect(Object.keys(inputs as object)).toEqual(Object.keys(refInputs as object));
  }, 60_000);

  it.each(['lz4', 'zstd'])('bt data inspect of a %s-compressed file prints what the uncompressed file\'s inspect prints', (codec) => {
    for (const kind of KINDS) {
      for (const json of [[], ['--json']]) {
        const inspect = (c: string) => runBt(['data', 'inspect', `${kind}.arrow`, ...json], ws[c]);
        const ref = inspect('uncompressed');
        expect(ref.code).toBe(0);
        expect(inspect(codec)).toEqual(ref);
      }
    }
  }, 60_000);

  it.each(['lz4', 'zstd'])('bt data import of a %s-compressed file writes the bytes the uncompressed file imports to', (codec) => {
    for (const kind of KINDS) {
      const imported = (c: string): Buffer => {
        const out = `imported-${kind}.arrow`;
        expect(runBt(['data', 'import', kind, `${kind}.arrow`, '--out', out], ws[c]).code).toBe(0);
        return readFileSync(join(ws[c] as string, out));
      };
      expect(imported(codec).equals(imported('uncompressed')), kind).toBe(true);
    }
  }, 60_000);

  it('a run on a file whose compressed buffer does not decode stops with an error naming the file, and writes no run folder', () => {
    const dir = join(tmp, 'corrupt');
    mkdirSync(dir);
    for (const f of ['findings.arrow', 'prices.arrow', 'agents.arrow', 'kill_list.yaml', 'scenario.yaml']) copyFileSync(join(ws.zstd as string, f), join(dir, f));
    const bytes = readFileSync(join(dir, 'prices.arrow'));
    // the first ZSTD frame's magic number, zeroed
    const at = bytes.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
    bytes.fill(0, at, at + 4);
    writeFileSync(join(dir, 'prices.arrow'), bytes);
    const r = runBt(['run', 'scenario.yaml', '--quiet', '--out', 'out'], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/prices\.arrow: a compressed buffer could not be decoded \(ZSTD: invalid zstd data\)\. The file is truncated or corrupt/);
    expect(readdirSync(dir).sort()).toEqual(['agents.arrow', 'findings.arrow', 'kill_list.yaml', 'prices.arrow', 'scenario.yaml']);
  }, 60_000);
});
