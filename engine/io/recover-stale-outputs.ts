/**
 * Cleans up after bt processes that died (SIGKILL, power loss) while writing into `parent`:
 * `.bt-tmp-<pid>-*` (half-built outputs) are removed; `.bt-old-<pid>-<name>` (an old output
 * moved aside during a replacement) is put back when `<name>` is missing (the new one never
 * arrived) and removed when `<name>` is there (the swap finished); dead `.bt-lock-*` go.
 * Entries of live processes are left alone. What it did to an output the user sees is told to the
 * notice sink, which the CLI shell sets (stderr) and a library call leaves silent.
 */
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { isPidAlive, readLockPid } from './output-lock.js';
import { outputFs } from './output-fs.js';

const STALE = /^\.bt-(tmp|old)-([0-9]+)-(.+)$/;

/** Process state, as the fault plan is: set once by the CLI shell, so the commands need no extra argument. */
let notice: ((line: string) => void) | null = null;

/** Where to say what was recovered (the CLI: stderr); null: say nothing. */
export function setRecoveryNotice(sink: ((line: string) => void) | null): void {
  notice = sink;
}

/** What the user is told about one entry a stopped bt process left (null for a lock: nothing to see). */
function noticeFor(kind: 'tmp' | 'old', name: string, pid: number, target: string, restored: boolean): string {
  if (kind === 'tmp') return `removed ${name}, what bt process ${pid} was writing when it stopped (killed or interrupted)`;
  return restored ? `put ${target} back: bt process ${pid} stopped while replacing it` : `removed ${name}, the earlier ${target} that bt process ${pid} had replaced`;
}

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
      const restored = m[1] === 'old' && !existsSync(target);
      if (restored) renameSync(join(parent, name), target);
      else outputFs.remove(join(parent, name));
      handled.push(name);
      // a lock's temp file is not an output: nothing to tell
      if (!(m[3] as string).startsWith('lock-')) notice?.(noticeFor(m[1] as 'tmp' | 'old', join(parent, name), pid, target, restored));
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
