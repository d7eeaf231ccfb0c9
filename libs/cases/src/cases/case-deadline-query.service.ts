import { Injectable } from '@nestjs/common';
import type { Actor } from '@haven/auth';
import { DeadlineDto, DeadlineQueryService } from '@haven/deadlines';
import { CaseWork } from '../kernel/case-work';

/** GET /cases/:id/deadlines: the case's deadlines, for staff who may open the case (the read is logged). */
@Injectable()
export class CaseDeadlineQueryService {
  constructor(
    private readonly work: CaseWork,
    private readonly deadlines: DeadlineQueryService,
  ) {}

  async list(actor: Actor, caseId: string): Promise<DeadlineDto[]> {
    return this.work.read(actor, caseId, { what: 'deadlines' }, () => this.deadlines.forCase(caseId));
  }
}
