import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultTemplateRoot } from '../database/embedded-template';
import { ConfigValidationError, EnvironmentVariables, validateEnv } from './env.validation';

/** Typed configuration, read once at boot from the validated environment. */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  /** `templateDir`: where embedded mode keeps its cluster template (null with a server). */
  database: { url: string | null; dataDir: string; templateDir: string | null; poolMax: number };
  redis: { url: string | null; prefix: string; lockMs: number };
  processJobs: boolean;
  /** Whether this process schedules the daily jobs (they still run once a day overall). */
  scheduler: boolean;
  /** Fault injection for the fault suite only: a job's first attempt stalls at its first progress report. */
  faultPauseAtProgressMs: number;
  auth: {
    jwtSecret: string;
    jwtTtlSeconds: number;
    maxFailures: number;
    lockMinutes: number;
    throttlePerIp: number;
    throttlePerUser: number;
  };
  crypto: { fieldKeys: string; blindIndexKey: string };
  demo: { seed: boolean; password: string };
  log: { level: string; json: boolean };
  http: { trustProxy: string | null; bodyLimit: string };
  /** FOI disclosure control and extract limits (DOMAIN.md §5); see src/foi/foi-policy.config.ts. */
  foi: { threshold: number; k: number; maxExtractYears: number };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

interface EmbeddedSecrets {
  jwtSecret: string;
  fieldKeys: string;
  blindIndexKey: string;
}

/**
 * The embedded (demo) mode generates its own secrets once and keeps them in DATA_DIR, so a
 * restart can still read its data. A server deployment must supply them.
 */
function embeddedSecrets(dataDir: string): EmbeddedSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as EmbeddedSecrets;
  }
  const secrets: EmbeddedSecrets = {
    jwtSecret: crypto.randomBytes(48).toString('base64url'),
    fieldKeys: `k1:${crypto.randomBytes(32).toString('base64')}`,
    blindIndexKey: crypto.randomBytes(48).toString('base64url'),
  };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** EMBEDDED_TEMPLATE_DIR, or node_modules/.cache/psr beside the installed PGlite. */
export function embeddedTemplateDir(env: EnvironmentVariables): string {
  return path.resolve(env.EMBEDDED_TEMPLATE_DIR ?? defaultTemplateRoot());
}

export function loadConfig(raw: NodeJS.ProcessEnv = process.env): AppConfig {
  const env: EnvironmentVariables = validateEnv(raw);
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const embedded = !env.DATABASE_URL;
  const missing = (['JWT_SECRET', 'FIELD_ENCRYPTION_KEYS', 'BLIND_INDEX_KEY'] as const).filter(
    (k) => !env[k],
  );
  if (!embedded && missing.length > 0) {
    throw new ConfigValidationError(
      `Invalid configuration:\n${missing.map((k) => `  ${k}: required when DATABASE_URL is set`).join('\n')}`,
    );
  }
  const generated = missing.length > 0 ? embeddedSecrets(dataDir) : null;
  return {
    env: (env.NODE_ENV as AppConfig['env']) ?? 'development',
    port: env.PORT ?? 3000,
    database: {
      url: env.DATABASE_URL ?? null,
      dataDir,
      templateDir: embedded ? embeddedTemplateDir(env) : null,
      poolMax: env.DB_POOL_MAX ?? (embedded ? 1 : 10),
    },
    redis: {
      url: env.REDIS_URL ?? null,
      prefix: env.QUEUE_PREFIX ?? 'psr',
      lockMs: env.QUEUE_LOCK_MS ?? 30000,
    },
    processJobs: env.PROCESS_JOBS ?? true,
    scheduler: env.RUN_SCHEDULER ?? true,
    faultPauseAtProgressMs: env.FAULT_PAUSE_AT_PROGRESS_MS ?? 0,
    auth: {
      jwtSecret: env.JWT_SECRET ?? generated!.jwtSecret,
      jwtTtlSeconds: env.JWT_TTL_SECONDS ?? 900,
      maxFailures: env.LOGIN_MAX_FAILURES ?? 5,
      lockMinutes: env.LOGIN_LOCK_MINUTES ?? 15,
      throttlePerIp: env.LOGIN_THROTTLE_PER_IP ?? 30,
      throttlePerUser: env.LOGIN_THROTTLE_PER_USER ?? 10,
    },
    crypto: {
      fieldKeys: env.FIELD_ENCRYPTION_KEYS ?? generated!.fieldKeys,
      blindIndexKey: env.BLIND_INDEX_KEY ?? generated!.blindIndexKey,
    },
    demo: {
      seed: env.DEMO_SEED ?? embedded,
      password: env.DEMO_PASSWORD ?? 'demo-password',
    },
    log: { level: env.LOG_LEVEL ?? 'log', json: env.LOG_JSON ?? env.NODE_ENV === 'production' },
    http: { trustProxy: env.TRUST_PROXY ?? null, bodyLimit: env.BODY_LIMIT ?? '1mb' },
    foi: {
      threshold: env.FOI_SUPPRESSION_THRESHOLD ?? 5,
      k: env.FOI_K_ANONYMITY ?? 3,
      maxExtractYears: env.FOI_MAX_EXTRACT_YEARS ?? 30,
    },
  };
}
