import { Injectable, PipeTransform } from '@nestjs/common';
import { AppException } from '@haven/platform';

@Injectable()
export class ProvinceCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^\d{2}$/.test(value)) throw AppException.validation([{ field: 'code', message: 'a province code is two digits' }]);
    return value;
  }
}
