import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationError } from './domain-error';

/**
 * Path ids must be UUIDs: anything else is a 400 INVALID_ID naming the parameter (`id`,
 * `associateId`, …), never a database error or a 404.
 */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && isUUID(value)) return value;
    const field = metadata.data ?? 'id';
    throw new ValidationError('INVALID_ID', `${field} is not a valid UUID`, [
      { field, message: 'must be a UUID' },
    ]);
  }
}

export const uuidPipe = new UuidPipe();
