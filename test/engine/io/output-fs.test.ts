import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFaultPlan } from '../../../engine/io/output-fs.js';

function sources(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? sources(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
}

describe('parseFaultPlan', () => {
  it('reads CODE@k and a pause phase', () => {
    expect(parseFaultPlan('EACCES@12', 'aside')).toEqual({ failAt: 12, failCode: 'EACCES', pause: 'aside' });
    expect(parseFaultPlan(undefined, undefined)).toEqual({ failAt: null, failCode: 'ENOSPC', pause: null });
  });

  it('rejects a malformed plan, listing the codes', () => {
    expect(() => parseFaultPlan('ENOSPC@0', undefined)).toThrow("BT_FAULT_INJECT: expected CODE@k with CODE one of ENOSPC, EACCES, EROFS, EIO, EDQUOT, EPERM and k >= 1, found 'ENOSPC@0'");
    expect(() => parseFaultPlan('EBADF@1', undefined)).toThrow('found');
  });

  it('is the only way faults get in: no process.env below the CLI shell and the I/O layer', () => {
    const roots = ['engine', 'strategies', 'datasets'];
    const offenders = roots
      .flatMap((r) => sources(r))
      .filter((f) => !f.startsWith(join('engine', 'cli')) && !f.startsWith(join('engine', 'io')))
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')))
      .map((f) => relative('.', f));
    expect(offenders).toEqual([]);
  });
});
