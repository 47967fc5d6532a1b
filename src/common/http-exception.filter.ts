import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable, isUniqueViolation } from '../database/errors';
import { DomainError, ErrorDetail } from './domain-error';
import { currentContext } from './request-context';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: ErrorDetail[];
  requestId?: string;
}

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * The one place errors become HTTP: `{statusCode, code, message, details}` with a stable code.
 * Unexpected errors are logged by type and request id only (never bodies or personal data).
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    const requestId = currentContext()?.requestId;
    if (requestId) body.requestId = requestId;
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.message,
        details: exception.details,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response && 'message' in response
          ? String(response.message)
          : exception.message;
      return {
        statusCode: status,
        code: HTTP_CODES[status] ?? `HTTP_${status}`,
        message,
        details: [],
      };
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable: ${(exception as Error).message}`);
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'DATABASE.UNAVAILABLE',
        message: 'The database is not reachable; retry shortly',
        details: [],
      };
    }
    if (isUniqueViolation(exception)) {
      return {
        statusCode: 409,
        code: 'CONFLICT.DUPLICATE',
        message: 'A record with these values already exists',
        details: [],
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      if (code === '22P02' || code === '22007' || code === '22008') {
        return {
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'A value is not valid',
          details: [],
        };
      }
    }
    const name = exception instanceof Error ? exception.name : typeof exception;
    this.logger.error(
      `Unhandled ${name} (request ${currentContext()?.requestId ?? '-'})`,
      // Stack frames only: an error message can quote a value the user sent.
      exception instanceof Error
        ? (exception.stack ?? '')
            .split('\n')
            .filter((l) => l.trimStart().startsWith('at '))
            .join('\n')
        : undefined,
    );
    return { statusCode: 500, code: 'INTERNAL', message: 'Internal error', details: [] };
  }
}
