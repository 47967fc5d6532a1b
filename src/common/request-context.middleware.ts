import { randomUUID } from 'node:crypto';
import { Injectable, Logger, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { requestContext, RequestContext } from './request-context';

/**
 * Opens the request's context (id, address; the auth guard adds the actor) and logs one line
 * per request: method, path without query string, status, time, ids. Never bodies.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  use(req: Request, res: Response, next: NextFunction): void {
    const header = req.header('x-request-id');
    const requestId = header && /^[A-Za-z0-9._-]{8,64}$/.test(header) ? header : randomUUID();
    const ctx: RequestContext = { requestId, ip: req.ip ?? null, actor: null };
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const path = req.originalUrl.split('?')[0];
      this.logger.log(
        `${req.method} ${path} ${res.statusCode} ${ms.toFixed(1)}ms req=${requestId} user=${ctx.actor?.id ?? '-'}`,
      );
    });
    requestContext.run(ctx, () => next());
  }
}
