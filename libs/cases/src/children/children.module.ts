import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@haven/audit';
import { ReferenceModule } from '@haven/reference';
import { ChildEntity } from './child.entity';
import { ChildrenSearchService } from './children-search.service';
import { ChildrenService } from './children.service';

@Module({
  imports: [TypeOrmModule.forFeature([ChildEntity]), AuditModule, ReferenceModule],
  providers: [ChildrenService, ChildrenSearchService],
  exports: [ChildrenService],
})
export class ChildrenModule {}
