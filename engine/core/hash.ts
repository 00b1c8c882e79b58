import { createHash } from 'node:crypto';
import { stableStringify } from './stable-json.js';

/** Returns the hex sha256 of bytes or a string (UTF-8). */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Returns the 12-hex config id of a value: sha256 of its stable JSON (STYLE, Determinism 7). */
export function configId(value: unknown): string {
  return sha256Hex(stableStringify(value)).slice(0, 12);
}
