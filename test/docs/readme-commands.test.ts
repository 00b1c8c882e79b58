import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../engine/cli/program.js';

/** Every command of the tree, subcommands included, with its full name (`report lp`, `data import`). */
function commands(cmd: Command, prefix = ''): { name: string; cmd: Command }[] {
  return cmd.commands.flatMap((c) => [{ name: `${prefix}${c.name()}`, cmd: c }, ...commands(c, `${prefix}${c.name()} `)]);
}

/** README's "## Commands" table: each row's text by the command its first cell names (`bt report lp DIR ...` -> `report lp`). */
function commandRows(readme: string): Map<string, string> {
  const section = readme.slice(readme.indexOf('## Commands'));
  const rows = new Map<string, string>();
  for (const line of section.slice(0, section.indexOf('\n\n', section.indexOf('| --- |'))).split('\n')) {
    const m = /^\| `bt ((?:[a-z]+ )?[a-z]+)\b/.exec(line);
    if (m === null) continue;
    const words = (m[1] ?? '').split(' ');
    // `bt report DIR` is report's row; `bt report lp ...` is lp's: a second word is a subcommand only when lower case and a command
    rows.set(words.length === 2 && ['lp', 'import', 'inspect', 'generate'].includes(words[1] ?? '') ? words.join(' ') : (words[0] ?? ''), line);
  }
  return rows;
}

describe("README's command table", () => {
  it('has a row for every command and names every option its --help lists', () => {
    const rows = commandRows(readFileSync('README.md', 'utf8'));
    const missing: string[] = [];
    for (const { name, cmd } of commands(buildProgram({ wallClockMs: () => 0 }))) {
      if (cmd.commands.length > 0 && name === 'data') continue; // a group, no options of its own
      if (name === 'help') continue;
      const row = rows.get(name);
      if (row === undefined) {
        missing.push(`bt ${name}: no row`);
        continue;
      }
      for (const o of cmd.options) {
        const flag = o.long ?? o.flags;
        if (flag === '--help' || o.hidden) continue; // a hidden option (--no-share-stages) is not in the help either
        if (!new RegExp(`${flag.replace(/[-]/g, '\\-')}(?![a-z-])`).test(row)) missing.push(`bt ${name} ${flag}`);
      }
    }
    expect(missing).toEqual([]);
    expect(rows.size).toBeGreaterThanOrEqual(14);
  });
});
