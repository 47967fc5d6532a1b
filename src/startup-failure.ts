import { ConfigValidationError } from './config/env.validation';
import { DataDirInUseError, DataDirStillOpenError } from './database/data-dir-lock';

/**
 * How main.ts and worker.ts end a start that cannot go on. A failure the operator fixes from its
 * message alone (the configuration, an embedded data directory another process holds) is
 * printed without a stack; anything else with it. Light on purpose: main.ts loads this before
 * the application's modules.
 */
export function exitOnStartupFailure(err: Error): never {
  const expected =
    err instanceof ConfigValidationError ||
    err instanceof DataDirInUseError ||
    err instanceof DataDirStillOpenError;
  process.stderr.write(
    expected ? `${err.message}\n` : `Failed to start: ${err.stack ?? err.message}\n`,
  );
  process.exit(1);
}
