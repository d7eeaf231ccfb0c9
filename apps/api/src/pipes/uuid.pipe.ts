import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from '@haven/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id must be a UUID: a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!UUID.test(value)) throw AppException.validation([{ field: meta.data ?? 'id', message: 'must be a UUID' }]);
    return value.toLowerCase();
  }
}
