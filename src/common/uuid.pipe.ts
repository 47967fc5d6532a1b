import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationError } from './domain-error';

/** Path ids must be UUIDs: anything else is a 400 INVALID_ID, never a database error. */
export const uuidPipe = new ParseUUIDPipe({
  exceptionFactory: () =>
    new ValidationError('INVALID_ID', 'The id is not a valid UUID', [
      { field: 'id', message: 'must be a UUID' },
    ]),
});
