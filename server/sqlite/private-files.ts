/**
 * Secrets at rest: the SQLite file holds the JWT signing secret, the host key
 * hash, unrevealed lottery seeds and members' password hashes, so only the
 * account running the server may read it. DATA_DIR is created 0700 and the
 * database file 0600 before SQLite opens it: SQLite gives the -wal and -shm
 * files it creates later the database file's mode, so they are 0600 too.
 * A file left 0644 by an older version is tightened on the next start.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) 0700. An existing directory is the operator's: left as it is. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates `path` empty with mode 0600 when absent; an existing file (and its -wal/-shm beside it) is set to 0600. */
export function ensurePrivateDatabaseFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) tighten(file);
  }
}

function tighten(file: string): void {
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (err) {
    // Another account owns it: only that account (or root) may change its mode, and SQLite may still open it.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
  }
}
