import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@haven/audit';
import { Clock } from '@haven/platform';
import { ReferenceModule } from '@haven/reference';
import { ChildEntity } from './child.entity';
import { ChildrenSearchService } from './children-search.service';
import { ChildrenService } from './children.service';

@Module({
  imports: [TypeOrmModule.forFeature([ChildEntity]), AuditModule, ReferenceModule],
  providers: [ChildrenService, ChildrenSearchService, Clock],
  exports: [ChildrenService],
})
export class ChildrenModule {}
