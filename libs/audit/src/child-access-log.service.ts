import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ChildAccess } from './case-access.types';
import { CaseAccessLogEntity } from './case-event.entity';

/**
 * Logs reads and changes of children's registry records in the case access log (who, when, which
 * child; never what was searched for: a name is personal data), where every case of the child
 * shows them. The registry sits below the case services; it shares only the table with
 * CaseRecordService, whose entries name a case.
 */
@Injectable()
export class ChildAccessLog {
  constructor(@InjectRepository(CaseAccessLogEntity) private readonly log: Repository<CaseAccessLogEntity>) {}

  /** One entry per child, in one statement; pass `m` to write inside the change's transaction. */
  async record(m: EntityManager | undefined, actorId: string, childIds: readonly string[], access: ChildAccess): Promise<void> {
    if (childIds.length === 0) return;
    const rows = [...new Set(childIds)].map((childId) => ({ caseId: null, childId, actorId, action: access.action, what: access.what }));
    await (m ? m.getRepository(CaseAccessLogEntity) : this.log).insert(rows as QueryDeepPartialEntity<CaseAccessLogEntity>[]);
  }
}
