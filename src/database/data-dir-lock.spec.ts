import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  acquireDataDirLock,
  createLock,
  DataDirInUseError,
  DataDirStillOpenError,
  LOCK_FILE,
  ownerAlive,
  processStartTime,
  removeStaleLock,
} from './data-dir-lock';

/** The pid of a process that has exited: a lock left by a SIGKILLed service names one. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

describe('embedded data directory lock', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psr-lock-spec-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const lockFile = () => path.join(dir, LOCK_FILE);

  it('refuses a second holder while the first runs, naming it, and frees on release', async () => {
    const lock = await acquireDataDirLock(dir);
    const owner = JSON.parse(fs.readFileSync(lockFile(), 'utf8')) as { pid: number };
    expect(owner.pid).toBe(process.pid);
    const refused: unknown = await acquireDataDirLock(dir).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as Error).message).toContain(`in use by process ${process.pid}`);
    expect((refused as Error).message).toContain('DATA_DIR');
    lock.release();
    expect(fs.existsSync(lockFile())).toBe(false);
    (await acquireDataDirLock(dir)).release();
  });

  it('takes over a lock whose process is gone (a SIGKILLed service)', async () => {
    fs.writeFileSync(lockFile(), JSON.stringify({ pid: deadPid(), started: null, since: 'x' }));
    const lock = await acquireDataDirLock(dir);
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a lock whose pid now belongs to a process started at another time', async () => {
    // This process's own pid, as if reused after a reboot: alive, but not the one that locked.
    fs.writeFileSync(
      lockFile(),
      JSON.stringify({ pid: process.pid, started: '1', since: 'before the reboot' }),
    );
    expect(processStartTime(process.pid)).toMatch(/^\d+$/);
    (await acquireDataDirLock(dir)).release();
  });

  it('takes over a lock file torn or emptied by a crash', async () => {
    for (const content of ['', '{"pid":', '{"pid":-1}', '{"pid":"12"}', 'null']) {
      fs.writeFileSync(lockFile(), content);
      (await acquireDataDirLock(dir)).release();
    }
  });

  it('removes a stale lock only if it still holds what was judged stale', () => {
    const stale = JSON.stringify({ pid: deadPid(), started: null, since: 'x' });
    fs.writeFileSync(lockFile(), stale);
    expect(removeStaleLock(lockFile(), stale)).toBe(true);
    expect(fs.existsSync(lockFile())).toBe(false);
    // Another process judged the same stale lock and removed it first: nothing to do.
    expect(removeStaleLock(lockFile(), stale)).toBe(false);
    // ... or removed it and made its own, which must survive the slower one's takeover.
    const fresh = JSON.stringify({ pid: process.pid, started: null, since: 'now' });
    fs.writeFileSync(lockFile(), fresh);
    expect(removeStaleLock(lockFile(), stale)).toBe(false);
    expect(fs.readFileSync(lockFile(), 'utf8')).toBe(fresh);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
  });

  it('leaves only the lock file behind, whether taken or refused', async () => {
    const lock = await acquireDataDirLock(dir);
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    expect(fs.readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('still locks on a filesystem without hard links, and still refuses a second holder', () => {
    const noLinks = () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    };
    const mine = path.join(dir, 'mine');
    fs.writeFileSync(mine, '{"pid":1}');
    createLock(mine, lockFile(), noLinks);
    expect(fs.readFileSync(lockFile(), 'utf8')).toBe('{"pid":1}');
    expect(() => createLock(mine, lockFile(), noLinks)).toThrow(
      expect.objectContaining({ code: 'EEXIST' }),
    );
    // Any other failure of the link is not taken for a missing feature.
    fs.rmSync(lockFile());
    const denied = () => {
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    expect(() => createLock(mine, lockFile(), denied)).toThrow('no space');
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it('release removes only its own lock, and only once', async () => {
    const lock = await acquireDataDirLock(dir);
    // Another process took it over (say, this one was thought dead and its file replaced).
    fs.writeFileSync(
      lockFile(),
      JSON.stringify({ pid: process.pid + 1, started: null, since: 'x' }),
    );
    lock.release();
    expect(fs.existsSync(lockFile())).toBe(true);
    fs.rmSync(lockFile());
    lock.release();
  });

  it('records the helper that has the files open, and a takeover waits for it to go', async () => {
    const helper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 400)']);
    const lock = await acquireDataDirLock(dir);
    lock.setHelper(helper.pid!);
    expect(JSON.parse(fs.readFileSync(lockFile(), 'utf8'))).toMatchObject({
      pid: process.pid,
      helper: { pid: helper.pid },
    });
    // The service dies (its lock is left behind, naming a pid that is gone); its helper is
    // still closing the files.
    const left = JSON.parse(fs.readFileSync(lockFile(), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(lockFile(), JSON.stringify({ ...left, pid: deadPid(), started: null }));
    const exited = new Promise((resolve) => helper.once('exit', resolve));
    const next = await acquireDataDirLock(dir, 10000);
    // Taken only once the helper had gone.
    expect(helper.exitCode ?? helper.signalCode).not.toBeNull();
    await exited;
    next.release();
  });

  it('refuses, naming it, when the helper of a dead service does not go', async () => {
    fs.writeFileSync(
      lockFile(),
      JSON.stringify({
        pid: deadPid(),
        started: null,
        since: 'x',
        helper: { pid: process.pid, started: processStartTime(process.pid) },
      }),
    );
    const refused: unknown = await acquireDataDirLock(dir, 200).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DataDirStillOpenError);
    expect((refused as Error).message).toContain(`still open in process ${process.pid}`);
  });

  it('knows a running process from a gone one', () => {
    expect(ownerAlive({ pid: process.pid, started: processStartTime(process.pid) })).toBe(true);
    expect(ownerAlive({ pid: deadPid(), started: null })).toBe(false);
  });
});
