import { Injectable } from '@nestjs/common';
import { InjectEntityManager } from '@nestjs/typeorm';
import { EntityManager } from 'typeorm';
import { Actor, userNames } from '@haven/auth';
import { CaseRecordService } from '@haven/audit';
import { CaseAccessService } from '../access/case-access.service';
import { CaseWork } from '../kernel/case-work';
import { AccessLogEntryDto, TimelineEventDto, toAccessLogEntry, toTimelineEvent } from './timeline.dto';

/** Reading a case's timeline and access log (both reads are themselves logged). */
@Injectable()
export class CaseHistoryService {
  constructor(
    private readonly access: CaseAccessService,
    private readonly work: CaseWork,
    private readonly caseRecord: CaseRecordService,
    @InjectEntityManager() private readonly manager: EntityManager,
  ) {}

  async timelineOf(actor: Actor, caseId: string): Promise<TimelineEventDto[]> {
    return this.work.read(actor, caseId, { what: 'timeline' }, async () => {
      const events = await this.caseRecord.listEvents(caseId);
      const names = await userNames(
        this.manager,
        events.map((e) => e.actorId),
      );
      return events.map((e) => toTimelineEvent(e, names));
    });
  }

  async accessLogOf(actor: Actor, caseId: string): Promise<AccessLogEntryDto[]> {
    // Logged before the read, by hand: the log it answers includes this very read.
    await this.access.requireCase(actor, caseId);
    await this.caseRecord.logAccess(undefined, caseId, actor.id, 'read', 'access-log');
    const entries = await this.caseRecord.listAccess(caseId);
    const names = await userNames(
      this.manager,
      entries.map((e) => e.actorId),
    );
    return entries.map((e) => toAccessLogEntry(e, names));
  }
}
