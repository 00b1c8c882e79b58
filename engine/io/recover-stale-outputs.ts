/**
 * Cleans up after bt processes that died (SIGKILL, power loss) while writing into `parent`:
 * `.bt-tmp-<pid>-*` (half-built outputs) are removed; `.bt-old-<pid>-<name>` (an old output
 * moved aside during a replacement) is put back when `<name>` is missing (the new one never
 * arrived) and removed when `<name>` is there (the swap finished); dead `.bt-lock-*` go.
 * Entries of live processes are left alone.
 */
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { isPidAlive, readLockPid } from './output-lock.js';
import { outputFs } from './output-fs.js';

const STALE = /^\.bt-(tmp|old)-([0-9]+)-(.+)$/;

/** Removes or restores what dead bt processes left in `parent`; returns the names it handled. */
export function recoverStaleOutputs(parent: string): string[] {
  let names: string[];
  try {
    names = readdirSync(parent).sort();
  } catch {
    return [];
  }
  const handled: string[] = [];
  for (const name of names) {
    const m = STALE.exec(name);
    if (m !== null) {
      const pid = Number(m[2]);
      if (pid === process.pid || isPidAlive(pid)) continue;
      const target = join(parent, m[3] as string);
      if (m[1] === 'old' && !existsSync(target)) renameSync(join(parent, name), target);
      else outputFs.remove(join(parent, name));
      handled.push(name);
    } else if (name.startsWith('.bt-lock-')) {
      const pid = readLockPid(join(parent, name));
      if (pid !== null && pid !== process.pid && isPidAlive(pid)) continue;
      if (pid === process.pid) continue;
      outputFs.remove(join(parent, name));
      handled.push(name);
    }
  }
  return handled;
}
