import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * One process at a time on an embedded data directory. PGlite runs PostgreSQL as a single-user
 * backend inside the process, and its own postmaster.pid cannot tell two processes apart (each
 * WebAssembly instance has the same made-up pid), so two processes could open the same files
 * and corrupt them: a second `npm start` on another PORT, or `npm run migration:run` or the
 * seeder while the service runs. This is PostgreSQL's own answer, a pid file: created
 * exclusively, removed at stop, and taken over when the process it names is gone (SIGKILL, a
 * crash, a reboot), so a restart never waits out a timeout.
 */

export const LOCK_FILE = 'embedded.pid';

interface ProcessId {
  pid: number;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat), where readable. */
  started: string | null;
}

interface LockOwner extends ProcessId {
  since: string;
  /** The process that has the database files open for the owner (embedded-postgres.ts). */
  helper?: ProcessId;
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded data directory ${dataDir} is in use by process ${owner.pid} (since ${owner.since}): ` +
        `stop it first, or give this process its own DATA_DIR`,
    );
  }
}

export class DataDirStillOpenError extends Error {
  constructor(
    readonly dataDir: string,
    readonly helper: ProcessId,
  ) {
    super(
      `The embedded data directory ${dataDir} is still open in process ${helper.pid}, the ` +
        `database process of a service that has stopped: stop that process first`,
    );
  }
}

export interface DataDirLock {
  /** Records the process that opens the files for this one, so a takeover waits for it too. */
  setHelper(pid: number): void;
  release(): void;
}

/** Field 22 of /proc/<pid>/stat; null where there is no /proc (not Linux) or no such process. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from its last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether the process a lock names still runs: the same pid, started at the same time. */
export function ownerAlive(owner: ProcessId): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: it exists, under another user.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = processStartTime(owner.pid);
  // A pid reused since (after a reboot, say) by a process that started at another time.
  return !(owner.started && started && started !== owner.started);
}

function readRaw(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function readOwner(file: string): LockOwner | null {
  return parseOwner(readRaw(file));
}

function parseOwner(raw: string | null): LockOwner | null {
  if (raw === null) return null;
  try {
    const owner = JSON.parse(raw) as Partial<LockOwner>;
    if (!validPid(owner.pid)) return null;
    const helper = owner.helper && validPid(owner.helper.pid) ? owner.helper : undefined;
    return {
      pid: owner.pid,
      started: owner.started ?? null,
      since: String(owner.since ?? '?'),
      ...(helper ? { helper: { pid: helper.pid, started: helper.started ?? null } } : {}),
    };
  } catch {
    // Missing, or torn by a crash while it was written: nobody holds it.
    return null;
  }
}

function validPid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Removes the lock file `file` if it still holds `judged`, the content found stale, and says
 * whether it did. Two processes may judge the same stale lock at once; the first to act removes
 * it and creates its own, and the second must not then remove that one. So the file is first
 * moved aside under a name of this process's own (a rename is atomic: only one mover gets it),
 * and only removed if what was moved is what was judged; a live lock moved by mistake is put
 * back at once (createLock, which fails rather than overwrite a lock made meanwhile).
 */
export function removeStaleLock(file: string, judged: string | null): boolean {
  const aside = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false; // another got there first
    throw err;
  }
  try {
    if (readRaw(aside) === judged) return true;
    try {
      createLock(aside, file);
    } catch (err) {
      // EEXIST: a third process made a lock while this one was aside; the next attempt sees it.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return false;
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/** Codes of a filesystem that has no hard links (some network and removable filesystems). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Makes `file` from the finished `mine` by a hard link, which fails with EEXIST if it exists. On
 * a filesystem without hard links, an exclusive create of the same content instead (as before
 * links were used: a reader may then, for a moment, see it empty).
 */
export function createLock(
  mine: string,
  file: string,
  link: (from: string, to: string) => void = fs.linkSync,
): void {
  try {
    link(mine, file);
  } catch (err) {
    if (!NO_HARD_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
    fs.writeFileSync(file, fs.readFileSync(mine), { flag: 'wx', mode: 0o600 });
  }
}

/**
 * Takes the lock on `dataDir` for this process or throws DataDirInUseError. A stale lock (its
 * process gone) is replaced, once the helper it names, if any, has gone too: a killed service's
 * database process closes as soon as it notices, and this waits up to `helperWaitMs` for that
 * (then throws DataDirStillOpenError). The lock is written in full before it appears (a hard
 * link of a finished file, which fails if the lock exists), so no one reads a lock being made
 * as a torn one; two processes that find the same stale lock both try removeStaleLock, and the
 * loser sees the winner's lock.
 */
export async function acquireDataDirLock(
  dataDir: string,
  helperWaitMs = 10000,
): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockOwner = {
    pid: process.pid,
    started: processStartTime(process.pid),
    since: new Date().toISOString(),
  };
  const mine = `${file}.${process.pid}.new`;
  fs.writeFileSync(mine, JSON.stringify(me), { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        createLock(mine, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
      }
      const raw = readRaw(file);
      const owner = parseOwner(raw);
      if (owner && ownerAlive(owner)) throw new DataDirInUseError(dataDir, owner);
      const helper = owner?.helper;
      if (helper) {
        const deadline = Date.now() + helperWaitMs;
        while (ownerAlive(helper)) {
          if (Date.now() >= deadline) throw new DataDirStillOpenError(dataDir, helper);
          await sleep(50);
        }
      }
      removeStaleLock(file, raw);
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // Only our own lock: never one another process took over.
    if (readOwner(file)?.pid === me.pid) fs.rmSync(file, { force: true });
  };
  const setHelper = (pid: number): void => {
    if (!held) return;
    const next: LockOwner = { ...me, helper: { pid, started: processStartTime(pid) } };
    // Replaced whole (rename), so a reader never sees it half written.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(next), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };
  process.on('exit', release);
  return { setHelper, release };
}
