import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from './config/app-config';
import { createValidationPipe } from './common/validation';

/** CSV imports may be larger than JSON bodies; everything else is capped at BODY_LIMIT. */
const CSV_LIMIT = '20mb';

/**
 * Everything that makes the HTTP surface what API.md says, shared by main.ts and the e2e tests:
 * security headers, body limits, coded errors for bad bodies, validation, prefix, OpenAPI.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const http = app as NestExpressApplication;
  if (config.http.trustProxy) http.set('trust proxy', config.http.trustProxy);
  http.disable('x-powered-by');
  app.use(helmet());
  app.use(express.json({ limit: config.http.bodyLimit, strict: true }));
  app.use(express.text({ type: ['text/csv', 'text/plain'], limit: CSV_LIMIT }));
  // Body-parser errors happen before Nest's filters see the request: answer them here.
  app.use(
    (
      err: Error & { type?: string; status?: number },
      _req: Request,
      res: Response,
      next: NextFunction,
    ) => {
      if (!err) return next();
      const tooLarge = err.type === 'entity.too.large';
      const status = tooLarge ? 413 : (err.status ?? 400);
      const code = tooLarge
        ? 'PAYLOAD_TOO_LARGE'
        : err.type === 'entity.parse.failed'
          ? 'MALFORMED_JSON'
          : status === 415
            ? 'UNSUPPORTED_MEDIA_TYPE'
            : 'BAD_REQUEST';
      res.status(status).json({
        statusCode: status,
        code,
        message: tooLarge
          ? `The body is larger than ${config.http.bodyLimit}`
          : 'The body could not be read',
        details: [],
      });
    },
  );
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  // No enableShutdownHooks(): main.ts and worker.ts handle SIGINT/SIGTERM themselves (closing
  // the app, then the embedded database); Nest's hooks closed the app a second time.

  const doc = new DocumentBuilder()
    .setTitle('Professional Standards Register')
    .setDescription(
      'Notifiable associations, criminal and conduct cases, barred and advisory list reports, and ' +
        'anonymised FOI extracts. Each operation lists its roles (x-roles). Errors are ' +
        '{statusCode, code, message, details}.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs-json',
  });
}
