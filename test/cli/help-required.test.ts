import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../engine/cli/program.js';

/** Every command of the tree, subcommands included, with its full name (`report lp`). */
function commands(cmd: Command, prefix = ''): { name: string; cmd: Command }[] {
  return cmd.commands.flatMap((c) => [{ name: `${prefix}${c.name()}`, cmd: c }, ...commands(c, `${prefix}${c.name()} `)]);
}

describe('bt --help', () => {
  it('marks every option commander requires as required in its description (README: the help marks the required ones)', () => {
    const unmarked: string[] = [];
    let required = 0;
    for (const { name, cmd } of commands(buildProgram({ wallClockMs: () => 0 }))) {
      for (const o of cmd.options) {
        if (!o.mandatory) continue;
        required++;
        if (!/\brequired\b/.test(o.description)) unmarked.push(`bt ${name} ${o.long ?? o.flags}`);
      }
    }
    expect(unmarked).toEqual([]);
    expect(required).toBeGreaterThanOrEqual(5);
  });
});
