export * from './audit.module';
export * from './case-event.entity';
export * from './case-access.types';
export * from './case-record.service';
export * from './child-access-log.service';
