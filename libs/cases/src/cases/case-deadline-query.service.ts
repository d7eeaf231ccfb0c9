import { Injectable } from '@nestjs/common';
import type { Actor } from '@haven/auth';
import { DeadlineDto, DeadlineQueryService } from '@haven/deadlines';
import { CaseAccessService } from '../access/case-access.service';
import { CaseRecordService } from '@haven/audit';

/** GET /cases/:id/deadlines: the case's deadlines, for staff who may open the case (the read is logged). */
@Injectable()
export class CaseDeadlineQueryService {
  constructor(
    private readonly access: CaseAccessService,
    private readonly deadlines: DeadlineQueryService,
    private readonly caseRecord: CaseRecordService,
  ) {}

  async list(actor: Actor, caseId: string): Promise<DeadlineDto[]> {
    await this.access.requireCase(actor, caseId);
    const deadlines = await this.deadlines.forCase(caseId);
    await this.caseRecord.logAccess(undefined, caseId, actor.id, 'read', 'deadlines');
    return deadlines;
  }
}
