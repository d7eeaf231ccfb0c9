import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Clock } from '@haven/platform';
import { ReferenceModule } from '@haven/reference';
import { CaseAccessLogEntity } from '../timeline/case-event.entity';
import { ChildAccessLog } from './child-access-log.service';
import { ChildEntity } from './child.entity';
import { ChildrenSearchService } from './children-search.service';
import { ChildrenService } from './children.service';

@Module({
  imports: [TypeOrmModule.forFeature([ChildEntity, CaseAccessLogEntity]), ReferenceModule],
  providers: [ChildrenService, ChildrenSearchService, ChildAccessLog, Clock],
  exports: [ChildrenService],
})
export class ChildrenModule {}
