import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseAccessLogEntity, CaseEventEntity } from './case-event.entity';
import { CaseRecordService } from './case-record.service';
import { ChildAccessLog } from './child-access-log.service';

/** The case record: owns the case_event and case_access_log tables, the only writer of both. */
@Module({
  imports: [TypeOrmModule.forFeature([CaseEventEntity, CaseAccessLogEntity])],
  providers: [CaseRecordService, ChildAccessLog],
  exports: [CaseRecordService, ChildAccessLog],
})
export class AuditModule {}
