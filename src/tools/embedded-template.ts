/* eslint-disable no-console -- a command-line tool talks to its terminal */
import { embeddedTemplateDir } from '../config/app-config';
import { validateEnv } from '../config/env.validation';
import { makeTemplate } from '../database/embedded-cluster';
import { ensureTemplate, pgliteVersion, templateName } from '../database/embedded-template';

/**
 * `node dist/src/tools/embedded-template.js` (run by `npm start` before the service): makes the
 * embedded cluster template once per installed PGlite version, so that the service's first start
 * on a new data directory copies it instead of running initdb. Does nothing with DATABASE_URL set,
 * or when the template exists. If this never ran, the service runs initdb in each new directory.
 */
async function main(): Promise<void> {
  const env = validateEnv(process.env);
  if (env.DATABASE_URL) return;
  const t0 = Date.now();
  const template = await ensureTemplate(
    embeddedTemplateDir(env),
    templateName(pgliteVersion()),
    makeTemplate,
  );
  if (template.made) {
    console.log(
      `Made the embedded PostgreSQL cluster template ${template.dir} in ${Date.now() - t0} ms (once per install)`,
    );
  }
}

main().catch((err: Error) => {
  console.error(`Could not make the embedded cluster template: ${err.message}`);
  // The service falls back to initdb in the data directory: not a reason to stop `npm start`.
  process.exit(0);
});
