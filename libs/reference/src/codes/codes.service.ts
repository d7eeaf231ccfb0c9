import { Injectable } from '@nestjs/common';
import { CodeListsDto, toCodeListsResponse } from './codes.dto';

/** The code lists of @haven/domain with their labels: constants, so the response is built once. */
@Injectable()
export class CodesService {
  private readonly lists = toCodeListsResponse();

  list(): CodeListsDto {
    return this.lists;
  }
}
