import { BtInputError } from '../core/errors.js';
import { startFileHashing } from './input-hashing.js';
import { checkManifestHash } from './manifest-hash-check.js';

/**
 * Returns `read()` once `file` is found to have the sha256 manifest.json records for it
 * (`recorded()`), hashing it on a worker while `read` runs (a run's events.arrow is gigabytes on
 * large runs, read by record batch). A changed file is the error to report, before any error
 * its changed content caused in `read`. bt replay, bt report and bt governance read their run's
 * log so.
 */
export async function readWhileHashing<T>(file: string, recorded: () => unknown, read: () => T): Promise<T> {
  const hashing = startFileHashing([{ rel: 'file', abs: file }]);
  const check = async (): Promise<void> => checkManifestHash((await hashing.result())['file'] as string, file, recorded());
  let value: T;
  try {
    value = read();
  } catch (err) {
    await check().catch((hashErr: unknown) => {
      if (hashErr instanceof BtInputError) throw hashErr;
    });
    throw err;
  }
  await check();
  return value;
}
