import { Module } from '@nestjs/common';
import { AdminAuditService } from './admin-audit.service';

/** The admin audit alone, for the libraries whose administrative changes it records (organisations, deadline policy). */
@Module({ providers: [AdminAuditService], exports: [AdminAuditService] })
export class AdminAuditModule {}
