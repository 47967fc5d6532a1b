import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === 'true' || value === '1';
/** Digits only: `1e1`, ` 5` or `5.0` stay strings, so @IsInt refuses them. */
const toWholeNumber = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : typeof value === 'string' && /^\d+$/.test(value)
      ? Number(value)
      : value;

/**
 * Every environment variable the service reads. Validated once at boot: a bad value stops the
 * process with a message naming the variable. Documented in the README's configuration table.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  @IsOptional()
  @IsString()
  EMBEDDED_TEMPLATE_DIR?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_MAX?: number;

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, {
    message: 'QUEUE_PREFIX must be 1-40 letters, digits, _ or -',
  })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  PROCESS_JOBS?: boolean;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  RUN_SCHEDULER?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  QUEUE_LOCK_MS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  FAULT_PAUSE_AT_PROGRESS_MS?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS?: number;

  @IsOptional()
  @Matches(
    /^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=_-]{43,}(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=_-]{43,})*$/,
    {
      message:
        'FIELD_ENCRYPTION_KEYS must be "keyId:base64key[,keyId:base64key...]" (32-byte keys)',
    },
  )
  FIELD_ENCRYPTION_KEYS?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'BLIND_INDEX_KEY must be at least 32 characters' })
  BLIND_INDEX_KEY?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'DEMO_PASSWORD must be at least 8 characters' })
  DEMO_PASSWORD?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEMO_SEED?: boolean;

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  LOG_JSON?: boolean;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCK_MINUTES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_PER_IP?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_PER_USER?: number;

  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  @IsOptional()
  @Matches(/^\d+(kb|mb)$/i, { message: 'BODY_LIMIT must look like 1mb or 512kb' })
  BODY_LIMIT?: string;

  /** FOI counts from 1 to this minus 1 are suppressed; below 2 would suppress nothing. */
  @IsOptional()
  @Transform(toWholeNumber)
  @IsInt()
  @Min(2)
  @Max(100)
  FOI_SUPPRESSION_THRESHOLD?: number;

  /** k for k-anonymity of row-level FOI extracts. */
  @IsOptional()
  @Transform(toWholeNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  FOI_K_ANONYMITY?: number;

  /** Longest period, in years, one FOI extract may cover. */
  @IsOptional()
  @Transform(toWholeNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  FOI_MAX_EXTRACT_YEARS?: number;
}

export class ConfigValidationError extends Error {}

export function validateEnv(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { enableImplicitConversion: false });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map(
      (e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigValidationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return env;
}
