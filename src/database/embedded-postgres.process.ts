import { serveCluster, ServedCluster } from './embedded-cluster';
import type { FromDatabase, ToDatabase } from './embedded-postgres';

/**
 * The embedded database process, forked by embedded-postgres.ts with the data directory and the
 * template directory as arguments. It serves PGlite until the service says stop, and stops at
 * once if the service goes (its IPC channel closes, even on SIGKILL), so it never outlives it.
 */
const [dataDir, templateRoot] = process.argv.slice(2);
const send = (message: FromDatabase, then?: () => void): void => {
  if (process.connected) process.send!(message, undefined, {}, () => then?.());
  else then?.();
};
let cluster: ServedCluster | null = null;
let stopping: Promise<void> | null = null;

function stop(code: number): Promise<void> {
  return (stopping ??= (async () => {
    try {
      await cluster?.stop();
    } finally {
      process.exit(code);
    }
  })());
}

// The service decides when this stops: Ctrl-C in a terminal signals the whole process group, and
// the service then closes its connections before it asks this process to stop.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
process.on('message', (message: ToDatabase) => {
  if (message.kind === 'stop') void stop(0);
});
// The service is gone without asking (killed): close the files cleanly and go.
process.on('disconnect', () => void stop(0));

serveCluster(dataDir, templateRoot, (level, message) => send({ kind: 'log', level, message }))
  .then((served) => {
    cluster = served;
    send({ kind: 'ready', url: served.url });
    if (!process.connected) void stop(0);
  })
  .catch((err: Error) => {
    // Exits once the message is on its way, so the service reports this error, not just an exit.
    send({ kind: 'failed', message: err.message }, () => process.exit(1));
  });
